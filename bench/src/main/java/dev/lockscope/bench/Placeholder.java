package dev.lockscope.bench;
final class Placeholder {}
