package dev.lockscope.lesson;

import dev.lockscope.event.AlertKind;
import java.util.Optional;

/** When a lesson step comes up. Time-based triggers are checked as the run's clock moves, the others on events. */
public sealed interface Trigger {

    /** At virtual time {@code atNs}. */
    record At(long atNs) implements Trigger {}

    /** {@code delayNs} after the previous step came up (after the start for the first step). */
    record After(long delayNs) implements Trigger {}

    /** When a detector raises an alert of this kind. */
    record OnAlert(AlertKind kind) implements Trigger {}

    /** When a member's client reloads. */
    record OnReload() implements Trigger {}

    /** When a request (of operation {@code op}, or any) has been waiting longer than {@code overNs}. */
    record WaitOver(long overNs, Optional<String> op) implements Trigger {}

    /** When a member receives a message after a later one: the first order violation. */
    record OnOrderViolation() implements Trigger {}

    /** When the presenter says so (Next, Page Down). */
    record Manual() implements Trigger {}
}
