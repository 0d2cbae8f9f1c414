package dev.lockscope.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The property facility itself: seeds reproduce cases, shrinking reaches the hand-computed simplest case. */
class PropertyTest {
    private static final Gen<List<Integer>> SMALL_INTS = s -> s.listOf(0, 50, t -> t.intBetween(0, 1000));

    /** The shrunk value a failing property reports, as printed. */
    private static <T> String shrunk(Property<T> property, Check<? super T> check) {
        AssertionError e = catchThrowableOfType(AssertionError.class,
                () -> property.check(check, new Seeds(null, 0), () -> 0));
        assertThat(e).as("the property must fail").isNotNull();
        Matcher m = Pattern.compile("to:\n    (.*)\nwhich fails with").matcher(e.getMessage());
        assertThat(m.find()).as(e.getMessage()).isTrue();
        return m.group(1);
    }

    @Test
    void aListShrinksToTheOneElementThatFails() {
        // Any failing list holds an element >= 500; the simplest is that element alone, and 500 is the least.
        assertThat(shrunk(Property.forAll(SMALL_INTS).tries(100),
                xs -> assertThat(xs).allMatch(x -> x < 500))).isEqualTo("[500]");
    }

    @Test
    void aNegativeNumberShrinksTowardZeroAndKeepsItsSign() {
        Gen<List<Integer>> signed = s -> s.listOf(0, 50, t -> t.intBetween(-1000, 1000));
        assertThat(shrunk(Property.forAll(signed).tries(100), xs -> assertThat(xs).allMatch(x -> x > -10)))
                .isEqualTo("[-10]");
    }

    @Test
    void aListShrinksToItsShortestFailingLengthOfSimplestElements() {
        // The simplest element of [5, 9] is 5, the bound nearest 0.
        Gen<List<Integer>> gen = s -> s.listOf(0, 50, t -> t.intBetween(5, 9));
        assertThat(shrunk(Property.forAll(gen).tries(100), xs -> assertThat(xs).hasSizeLessThan(3)))
                .isEqualTo("[5, 5, 5]");
    }

    record Named(int count, List<String> names) {}

    @Test
    void eachPartOfARecordShrinks() {
        // Only a name with an x fails: the other names go, the x's name loses its other letters, count goes to 0.
        Gen<Named> gen = s -> new Named(s.intBetween(0, 100), s.listOf(0, 10, Gens.strings("abx", 0, 8)));
        assertThat(shrunk(Property.forAll(gen).tries(100),
                n -> assertThat(n.names()).noneMatch(name -> name.contains("x"))))
                .isEqualTo("Named[count=0, names=[x]]");
    }

    @Test
    void aSeedGivesTheSameCaseEveryTimeAndReplayingItsChoicesToo() {
        Gen<Named> gen = s -> new Named(s.intBetween(-5, 100), s.listOf(0, 10, Gens.anyStrings(20)));
        List<Named> first = new ArrayList<>();
        for (long seed = 1; seed <= 50; seed++) {
            Source source = Source.seeded(seed);
            Named value = gen.from(source);
            first.add(value);
            assertThat(gen.from(Source.seeded(seed))).isEqualTo(value);
            assertThat(gen.from(Source.replaying(source.recording().choices()))).isEqualTo(value);
        }
        // The seeds give different cases (a few repeat: the simplest values are drawn on purpose now and then).
        assertThat(first.stream().distinct().count()).isGreaterThan(40);
    }

    @Test
    void theFailureNamesItsSeedWhichReRunsTheSameCaseAlone() {
        Property<List<Integer>> property = Property.forAll(SMALL_INTS).tries(200);
        Check<List<Integer>> check = xs -> assertThat(xs).allMatch(x -> x < 900);
        String message = catchThrowableOfType(AssertionError.class,
                () -> property.check(check, new Seeds(null, 0), () -> 0)).getMessage();
        Matcher m = Pattern.compile("-Dlockscope\\.propertySeed=(\\d+)\n").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        long seed = Long.parseLong(m.group(1));

        String original = message.substring(message.indexOf("Original case:"));
        assertThat(original).contains(SMALL_INTS.from(Source.seeded(seed)).toString());
        assertThatThrownBy(() -> property.check(check, new Seeds(seed, 0), () -> 0))
                .hasMessageContaining("at seed " + seed + " (the seed given by -Dlockscope.propertySeed)")
                .hasMessageEndingWith(original.substring("Original case:".length()));
        property.check(check, new Seeds(seed - 1, 0), () -> 0); // the first failing seed: the one before passes
    }

    @Test
    void theFixedSeedsRunFirstThenTheRandomOnesOrTheOneAskedForAlone() {
        long[] next = {100};
        assertThat(new Seeds(null, 3).of(7, () -> next[0]++).toArray())
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 100, 101, 102);
        assertThat(new Seeds(42L, 3).of(7, () -> 0).toArray()).containsExactly(42);
        assertThat(new Seeds(null, 0).of(3, () -> 0).toArray()).isEqualTo(LongStream.rangeClosed(1, 3).toArray());
    }

    @Test
    void systemPropertiesAreReadLikeTheCommandLineGivesThem() {
        assertThat(Seeds.parse(Map.<String, String>of()::get)).isEqualTo(new Seeds(null, 0));
        assertThat(Seeds.parse(Map.of(Seeds.SEED, "", Seeds.MORE_SEEDS, " ")::get)).isEqualTo(new Seeds(null, 0));
        assertThat(Seeds.parse(Map.of(Seeds.SEED, "-17")::get)).isEqualTo(new Seeds(-17L, 0));
        assertThat(Seeds.parse(Map.of(Seeds.MORE_SEEDS, "5000")::get)).isEqualTo(new Seeds(null, 5000));
        assertThatThrownBy(() -> Seeds.parse(Map.of(Seeds.MORE_SEEDS, "many")::get))
                .hasMessage("lockscope.propertySeeds must be a whole number, got 'many'");
        assertThatThrownBy(() -> Seeds.parse(Map.of(Seeds.MORE_SEEDS, "-1")::get))
                .hasMessage("lockscope.propertySeeds must not be negative, got -1");
    }

    @Test
    void aReplayClampsEachChoiceToItsBoundAndReadsZerosPastTheEnd() {
        Source source = Source.replaying(new long[] {5000, 1, 7});
        assertThat(source.intBetween(0, 10)).isEqualTo(10); // 5000 read as the bound
        assertThat(source.intBetween(-10, 10)).isEqualTo(-7); // sign 1 (negative), then magnitude 7
        assertThat(source.intBetween(3, 9)).isEqualTo(3); // past the end: choice 0, the bound nearest 0
        assertThat(source.intBetween(-9, -3)).isEqualTo(-3);
        assertThat(source.listOf(2, 5, Source::bool)).containsExactly(false, false);
        assertThat(source.recording().choices()).containsExactly(10, 1, 7, 0, 0, 0, 0, 0);
    }

    @Test
    void aPassingPropertyRunsEveryFixedSeedAndTheExtras() {
        List<Integer> seen = new ArrayList<>();
        Property.forAll(s -> s.intBetween(0, 1_000_000)).tries(30).check(seen::add, new Seeds(null, 5), () -> 7);
        assertThat(seen).hasSize(35);
        assertThat(seen.subList(30, 35)).containsOnly(Source.seeded(7).intBetween(0, 1_000_000));
    }
}
