package dev.lockscope.app;

import javafx.application.Application;

/**
 * The lab's entry point. It is not the {@link Application} itself on purpose: when the main class extends
 * {@code Application}, the Java launcher starts the JavaFX toolkit before {@code main} runs. Here {@code main}
 * first starts {@link StartupWarmup} on the second core, then launches {@link LockscopeApp}, so the class loading
 * the window will need overlaps the toolkit's own start.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        StartupWarmup.start(Main.class.getClassLoader());
        Application.launch(LockscopeApp.class, args);
    }
}
