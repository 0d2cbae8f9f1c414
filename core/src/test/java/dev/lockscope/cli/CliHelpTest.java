package dev.lockscope.cli;

import static dev.lockscope.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} and {@code -h} print the command's usage on stdout and exit 0, before its options are checked. */
class CliHelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"run", "stats", "check", "replay", "export", "import", "derive", "sweep", "scenarios"})
    void everySubcommandsHelpExitsZero(String command) {
        for (String flag : new String[] {"--help", "-h"}) {
            CliTest.Result r = cli(command, flag);

            assertThat(r.code()).as(command + " " + flag).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).startsWith("Usage: lockscope " + command + " ").contains("-h, --help");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void theTopLevelHelpExitsZero(String flag) {
        CliTest.Result r = cli(flag);

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: lockscope [-hV] [COMMAND]").contains("run", "sweep", "export");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "export", "import", "derive", "sweep"})
    void helpWinsOverMissingRequiredOptions(String command) {
        // Without --help the same command line is a usage error.
        assertThat(cli(command).code()).isEqualTo(2);
        assertThat(cli(command, "--help").code()).isZero();
        assertThat(cli("help", command).out()).startsWith("Usage: lockscope " + command + " ");
    }
}
