package dev.lockscope.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File ▸ Open sample lists the repository's traces, then its scenarios, each described by sample-traces/README.md;
 * the sweep dialog starts in docs/examples.
 */
class SamplesTest {
    private static final Path REPO = Path.of(System.getProperty("lockscope.repo", ".."));

    @Test
    void everySampleIsDescribedTracesFirst() {
        String before = System.getProperty("lockscope.samples");
        System.setProperty("lockscope.samples", REPO.resolve("sample-traces").toString());
        try {
            List<Samples.Sample> samples = Samples.list();
            assertThat(samples).isNotEmpty().allSatisfy(s -> assertThat(s.description()).as(s.name()).isNotBlank());
            int firstScenario = samples.indexOf(samples.stream().filter(s -> !s.trace()).findFirst().orElseThrow());
            assertThat(samples.subList(0, firstScenario)).allMatch(Samples.Sample::trace);
            assertThat(samples.subList(firstScenario, samples.size())).noneMatch(Samples.Sample::trace);
            assertThat(samples).filteredOn(s -> s.name().equals("article")).extracting(Samples.Sample::description)
                    .containsExactly("The blog post's stall", "The blog post's stall");
        } finally {
            if (before == null) {
                System.clearProperty("lockscope.samples");
            } else {
                System.setProperty("lockscope.samples", before);
            }
        }
    }

    @Test
    void aDescriptionIsShortenedToItsFirstClause() {
        assertThat(Samples.shortened("Half a fix: sends run in parallel.")).isEqualTo("Half a fix");
        assertThat(Samples.shortened("The article in 15 s. More.")).isEqualTo("The article in 15 s");
        assertThat(Samples.shortened("No clause here.")).isEqualTo("No clause here");
    }

    @Test
    void theSweepDialogStartsInTheExamplesThenWhereTheLastSweepCameFrom(@TempDir Path home) throws Exception {
        LabSettings settings = LabSettings.load(home);
        FileChoosers choosers = new FileChoosers(null, settings);
        assertThat(choosers.initialDirectory("sweep", LessonsAndSweeps.SWEEP_EXAMPLES))
                .contains(REPO.resolve("docs/examples").toAbsolutePath().normalize());
        Path mine = Files.createDirectories(home.resolve("my-sweeps"));
        settings.setLastDirectory("sweep", mine);
        assertThat(choosers.initialDirectory("sweep", LessonsAndSweeps.SWEEP_EXAMPLES)).contains(mine);
    }
}
