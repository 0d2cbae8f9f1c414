package dev.lockscope.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tracker's string helpers: JSON quoting, thread kinds, program names, call-site labels. */
class SmallPartsTest {
    @Test
    void quoteEscapesWhatJsonRequiresAndKeepsTheRest() {
        assertThat(quote("a\"b\\c\n\r\t\u0001é😀")).isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\\u0001é😀\"");
    }

    @Test
    void quoteReplacesLoneSurrogatesAndCutsLongStringsBetweenPairs() {
        assertThat(quote("x\ud83dy")).isEqualTo("\"x\ufffdy\"");
        String longName = "a".repeat(JsonText.MAX_CHARS - 1) + "😀" + "tail";
        assertThat(quote(longName)).isEqualTo("\"" + "a".repeat(JsonText.MAX_CHARS - 1) + "\"");
    }

    @Test
    void kindDropsOnlyATrailingDashAndDigits() {
        assertThat(ThreadNames.kind("pool-1-thread-3")).isEqualTo("pool-1-thread");
        assertThat(ThreadNames.kind("Thread-0")).isEqualTo("Thread");
        assertThat(ThreadNames.kind("main")).isEqualTo("main");
        assertThat(ThreadNames.kind("worker7")).isEqualTo("worker7");
        assertThat(ThreadNames.kind("broadcast-")).isEqualTo("broadcast-");
    }

    @Test
    void unnamedThreadsGetAName() {
        Thread virtual = Thread.ofVirtual().unstarted(() -> { });
        assertThat(ThreadNames.name(virtual)).isEqualTo("virtual-" + virtual.threadId());
        assertThat(ThreadNames.kind(ThreadNames.name(virtual))).isEqualTo("virtual");
    }

    @Test
    void programNameIsTheFirstWordOfTheCommand() {
        assertThat(ProcessDetails.programName("dev.x.Main --port 1")).isEqualTo("dev.x.Main");
        assertThat(ProcessDetails.programName("/opt/app/room.jar a b")).isEqualTo("room.jar");
        assertThat(ProcessDetails.programName("com.sun.tools.javac.launcher.SourceLauncher /tmp/Room.java x")).isEqualTo("Room.java");
        assertThat(ProcessDetails.programName(null)).isEqualTo("java");
        assertThat(ProcessDetails.programName("  ")).isEqualTo("java");
    }

    @Test
    void callSiteLabelAndLocation() {
        CallSite site = new CallSite("Room.broadcast", "Room.java", 57);
        assertThat(site.label()).isEqualTo("Room.broadcast: Room.java:57");
        assertThat(site.location()).isEqualTo("Room.java:57");
        assertThat(new CallSite("Gen.run", "Unknown Source", -1).location()).isEqualTo("Unknown Source");
    }

    private static String quote(String s) {
        return JsonText.quote(new StringBuilder(), s).toString();
    }
}
