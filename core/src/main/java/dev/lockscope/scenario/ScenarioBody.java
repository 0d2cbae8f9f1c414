package dev.lockscope.scenario;

/** What a scenario simulates: the chat room, or a small script of lock steps. */
public sealed interface ScenarioBody permits RoomSpec, ScriptSpec {}
