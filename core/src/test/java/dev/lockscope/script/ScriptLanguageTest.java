package dev.lockscope.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.io.InputException;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import dev.lockscope.scenario.ScriptSpec;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The script language: each construct run with hand-computed instants, its listing, its canonical form, its errors. */
class ScriptLanguageTest {

    @Test
    void countedLoopRangeCloseAndABranchOnTheSum() throws Exception {
        ScriptRun run = ScriptRun.of("""
                {"chans": [{"name": "ch", "cap": 1}],
                 "goroutines": [
                   {"name": "producer", "steps": [{"for": "i := 1; i <= 3; i++", "do": ["ch <- i"]}, "close(ch)"]},
                   {"name": "consumer", "startMs": 10, "steps": [
                     "sum := 0",
                     {"for": "v := range ch", "do": ["sum = sum + v", "time.Sleep(1 * time.Millisecond)"]},
                     {"if": "sum == 6", "then": ["sleep 5"], "else": ["sleep 7"]}]}]}
                """);

        // The buffer holds one value: the producer waits for each receive, and the consumer drains the last value
        // after the close, then gets ok == false and leaves the loop.
        assertThat(run.lines()).containsExactly(
                "0 producer spawn",
                "0 producer send ch 1",
                "0 producer wait chan-send [ch]",
                "10 consumer spawn",
                "10 consumer recv ch 0",
                "10 producer wake ch",
                "10 producer send ch 1",
                "10 consumer sleep 1",
                "10 producer wait chan-send [ch]",
                "11 consumer recv ch 0",
                "11 producer wake ch",
                "11 producer send ch 1",
                "11 consumer sleep 1",
                "11 producer close ch 1",
                "11 producer exit",
                "12 consumer recv ch 0",
                "12 consumer sleep 1",
                "13 consumer recv-closed ch 0",
                "13 consumer sleep 5",
                "18 consumer exit");
    }

    @Test
    void functionsWithParametersGoAndDeferredDone() throws Exception {
        ScriptRun run = ScriptRun.of("""
                {"waitgroups": [{"name": "wg"}],
                 "funcs": [{"name": "worker", "params": ["id int", "wg *sync.WaitGroup"],
                            "steps": ["defer wg.Done()", "time.Sleep(10 * time.Millisecond)"]}],
                 "goroutines": [{"name": "main", "steps": [
                   {"for": "i := 0; i < 2; i++", "do": ["wg.Add(1)", "go worker(i, &wg)"]},
                   "wg.Wait()"]}]}
                """);

        assertThat(run.lines()).containsExactly(
                "0 main spawn",
                "0 main add wg 1",
                "0 worker#1 spawn by main",
                "0 main add wg 2",
                "0 worker#2 spawn by main",
                "0 main wait wg-wait [wg]",
                "0 worker#1 sleep 10",
                "0 worker#2 sleep 10",
                "10 worker#1 done wg 1",
                "10 worker#1 exit",
                "10 worker#2 done wg 0",
                "10 main wake wg",
                "10 worker#2 exit",
                "10 main exit");
    }

    @Test
    void selectDefaultAndBranchesOnAReceivedOkAndAConstant() throws Exception {
        ScriptRun run = ScriptRun.of("""
                {"consts": {"buggy": true},
                 "chans": [{"name": "ch", "cap": 1}],
                 "goroutines": [{"name": "g", "steps": [
                   {"select": [{"case": "v := <-ch", "do": ["sleep 1"]}, {"default": ["sleep 2"]}]},
                   "ch <- 5",
                   "close(ch)",
                   "v, ok := <-ch",
                   {"if": "ok && v == 5", "then": ["sleep 3"]},
                   "_, ok = <-ch",
                   {"if": "!ok && buggy", "then": ["sleep 4"], "else": ["sleep 40"]}]}]}
                """);

        assertThat(run.lines()).containsExactly(
                "0 g spawn",
                "0 g sleep 2",
                "2 g send ch 1",
                "2 g close ch 1",
                "2 g recv ch 0",
                "2 g sleep 3",
                "5 g recv-closed ch 0",
                "5 g sleep 4",
                "9 g exit");
    }

    @Test
    void onceAfterFuncAndAContextMadeInASteps() throws Exception {
        ScriptRun run = ScriptRun.of("""
                {"onces": [{"name": "once"}],
                 "chans": [{"name": "done", "type": "struct{}"}],
                 "funcs": [{"name": "setup", "steps": ["sleep 10"]},
                           {"name": "fire", "steps": ["close(done)"]}],
                 "goroutines": [
                   {"name": "a", "steps": ["once.Do(setup)", "time.AfterFunc(20 * time.Millisecond, fire)", "<-done"]},
                   {"name": "b", "startMs": 5, "steps": [
                     "once.Do(setup)",
                     "ctx, cancel := context.WithTimeout(context.Background(), 100 * time.Millisecond)",
                     "defer cancel()",
                     {"select": [{"case": "<-ctx.Done()", "do": ["sleep 1"]}, {"case": "<-done", "do": ["sleep 2"]}]}]}]}
                """);

        assertThat(run.lines()).containsExactly(
                "0 a spawn",
                "0 a do once 0",
                "0 a sleep 10",
                "5 b spawn",
                "5 b wait once-wait [once]",
                "10 a do-end once 1",
                "10 b wake once",
                "10 a arm a.AfterFunc 30",
                "10 a wait chan-recv [done]",
                "10 b arm b.ctx 110",
                "10 b wait select [b.ctx, done]",
                "30 fire#1 spawn",
                "30 fire#1 close done 0",
                "30 a wake done",
                "30 a recv-closed done 0",
                "30 b wake done",
                "30 b recv-closed done 0",
                "30 fire#1 exit",
                "30 a exit",
                "30 b sleep 2",
                "32 b cancel b.ctx 0",
                "32 b exit");
    }

    @Test
    void condWaitReleasesAndRetakesItsLock() throws Exception {
        ScriptRun run = ScriptRun.of("""
                {"locks": [{"name": "mu", "kind": "mutex"}],
                 "conds": [{"name": "c", "lock": "mu"}],
                 "goroutines": [
                   {"name": "waiter", "steps": ["mu.Lock()", "c.Wait()", "mu.Unlock()"]},
                   {"name": "signaller", "startMs": 10, "steps": ["mu.Lock()", "c.Signal()", "mu.Unlock()"]}]}
                """);

        assertThat(run.lines()).containsExactly(
                "0 waiter spawn",
                "0 waiter acquire mu",
                "0 waiter release mu",
                "0 waiter wait cond-wait [c]",
                "10 signaller spawn",
                "10 signaller acquire mu",
                "10 signaller signal c 1",
                "10 waiter wake c",
                "10 signaller release mu",
                "10 signaller exit",
                "10 waiter acquire mu",
                "10 waiter release mu",
                "10 waiter exit");
    }

    @Test
    void aPanicRunsTheDeferredCallsThenTheGoroutineExits() throws Exception {
        ScriptRun run = ScriptRun.of("""
                {"locks": [{"name": "mu", "kind": "mutex"}], "chans": [{"name": "ch"}],
                 "goroutines": [{"name": "g", "steps": ["mu.Lock()", "defer mu.Unlock()", "close(ch)", "close(ch)",
                                                        "sleep 1"]}]}
                """);

        assertThat(run.lines()).containsExactly(
                "0 g spawn",
                "0 g acquire mu",
                "0 g close ch 0",
                "0 g panic close of closed channel",
                "0 alert panic: g panicked: close of closed channel",
                "0 g release mu",
                "0 g exit");
    }

    /**
     * The producer counts with a condition loop, skips 2 ({@code continue}) and stops at 4 ({@code break}): it sends
     * 1 and 3, then closes. The consumer's {@code break} in a select case leaves the select, not its loop: after
     * receiving 1 it skips the case's sleep, so it sleeps 10 and receives 3 at 10, then 1 + 10 more, and at 21
     * finds the channel closed and returns.
     */
    @Test
    void breakContinueAndAConditionLoop() throws Exception {
        ScriptRun run = ScriptRun.of("""
                {"chans": [{"name": "ch"}],
                 "goroutines": [
                   {"name": "producer", "steps": [
                     "n := 0",
                     {"for": "n < 10", "do": [
                       "n = n + 1",
                       {"if": "n == 2", "then": ["continue"]},
                       {"if": "n == 4", "then": ["break"]},
                       "ch <- n"]},
                     "close(ch)"]},
                   {"name": "consumer", "steps": [{"for": "", "do": [
                     {"select": [{"case": "v, ok := <-ch", "do": [
                       {"if": "!ok", "then": ["return"]},
                       {"if": "v == 1", "then": ["break"]},
                       "sleep 1"]}]},
                     "sleep 10"]}]}]}
                """);

        assertThat(run.lines()).containsExactly(
                "0 producer spawn",
                "0 consumer spawn",
                "0 producer wait chan-send [ch]",
                "0 consumer recv-sync ch 0",
                "0 producer wake ch",
                "0 producer send-sync ch 0",
                "0 consumer sleep 10",
                "0 producer wait chan-send [ch]",
                "10 consumer recv-sync ch 0",
                "10 producer wake ch",
                "10 producer send-sync ch 0",
                "10 consumer sleep 1",
                "10 producer close ch 0",
                "10 producer exit",
                "11 consumer sleep 10",
                "21 consumer recv-closed ch 0",
                "21 consumer exit");
    }

    /**
     * The Go harness's own check of the same loops (tools/go-harness/script_test.go): each value is checked in the
     * script, and a wrong one receives from the nil channel {@code never}, so a right run never waits. The counted
     * loop sums 0 + 2 + 3 (1 skipped by continue, 4 breaks); the forever loop's break in a case leaves the select
     * twice, and its third pass reaches the case's last step once.
     */
    @Test
    void continueRunsTheCountedLoopsIncrementAndBreakInACaseLeavesTheSelect() throws Exception {
        ScriptRun run = ScriptRun.of("""
                {"name": "b", "kind": "script", "durationMs": 300, "chans": [{"name": "never", "nil": true}, {"name": "out", "cap": 10}],
                	 "goroutines": [{"name": "main", "steps": [
                	   "sum := 0",
                	   {"for": "i := 0; i < 10; i++", "do": [
                	     {"if": "i == 1", "then": ["continue"]},
                	     {"if": "i == 4", "then": ["break"]},
                	     "sum = sum + i"]},
                	   {"if": "sum != 5", "then": ["<-never"]},
                	   "n := 0",
                	   {"for": "n < 3", "do": ["n++"]},
                	   {"if": "n != 3", "then": ["<-never"]},
                	   "passes := 0",
                	   "reached := 0",
                	   {"for": "", "do": [
                	     "passes++",
                	     {"select": [{"case": "out <- passes", "do": [{"if": "passes < 3", "then": ["break"]}, "reached++"]},
                	                 {"default": ["<-never"]}]},
                	     {"if": "passes == 3", "then": ["break"]}]},
                	   {"if": "passes != 3 || reached != 1 || len(out) != 3", "then": ["<-never"]}]}]}
                """);

        assertThat(run.lines()).noneMatch(l -> l.contains(" wait ")).last().isEqualTo("0 main exit");
    }

    /**
     * Go's idiom for merging channels: a case whose channel is closed is switched off by setting the channel to nil
     * (a select never picks a nil channel's case), and the loop runs while one is not nil. merge takes 1 from a and
     * 2 from b at 0, sees a closed and sets it to nil, takes 3 at 5 and sees b closed: the loop ends with sum 6,
     * so it skips the sleep of a wrong sum and exits at 5, with main.
     */
    @Test
    void aNilChannelSwitchesOffItsSelectCase() throws Exception {
        ScriptRun run = ScriptRun.of("""
                {"name": "nil-case", "kind": "script", "durationMs": 100,
                 "funcs": [{"name": "merge", "params": ["a chan int", "b chan int"], "steps": [
                   "sum := 0",
                   {"for": "a != nil || b != nil", "do": [
                     {"select": [
                       {"case": "v, ok := <-a", "do": [{"if": "!ok", "then": ["a = nil", "continue"]}, "sum = sum + v"]},
                       {"case": "v, ok := <-b", "do": [{"if": "!ok", "then": ["b = nil", "continue"]}, "sum = sum + v"]}]}]},
                   {"if": "sum != 6", "then": ["sleep 50"]}]}],
                 "goroutines": [
                   {"name": "main", "steps": [
                     "a := make(chan int)", "b := make(chan int)",
                     "go merge(a, b)",
                     "a <- 1", "b <- 2", "close(a)", "sleep 5", "b <- 3", "close(b)"]}]}
                """);

        // Once a is nil, the select waits on b alone.
        assertThat(run.lines()).containsExactly(
                "0 main spawn",
                "0 merge#1 spawn by main",
                "0 main wait chan-send [main.a]",
                "0 merge#1 recv-sync main.a 0",
                "0 main wake main.a",
                "0 main send-sync main.a 0",
                "0 merge#1 wait select [main.a, main.b]",
                "0 main send-sync main.b 0",
                "0 merge#1 wake main.b",
                "0 merge#1 recv-sync main.b 0",
                "0 main close main.a 0",
                "0 main sleep 5",
                "0 merge#1 recv-closed main.a 0",
                "0 merge#1 wait select [main.b]",
                "5 main send-sync main.b 0",
                "5 merge#1 wake main.b",
                "5 merge#1 recv-sync main.b 0",
                "5 main close main.b 0",
                "5 main exit",
                "5 merge#1 recv-closed main.b 0",
                "5 merge#1 exit");
    }

    /**
     * Stop's and Reset's results, as time/sleep.go gives them: whether the timer was pending. The 10 ms timer fired
     * during the sleep and its value waits in the channel: Stop at 20 says false, so the value is drained, and
     * Reset arms 30 ms, received at 50. Reset then finds it expired (false: no sleep of 100), and the Stop after it
     * finds the 5 ms timer pending (true: no sleep either). A ticker of 10 ms ticks at 60, is reset to 3 ms and
     * ticks at 63 and 66.
     */
    @Test
    void stopAndResetSayWhetherTheTimerWasPending() throws Exception {
        ScriptRun run = ScriptRun.of("""
                {"name": "reset", "kind": "script", "durationMs": 200,
                 "goroutines": [
                   {"name": "main", "steps": [
                     "t := time.NewTimer(10 * time.Millisecond)",
                     "sleep 20",
                     "stopped := t.Stop()",
                     {"if": "!stopped", "then": ["<-t.C"]},
                     "t.Reset(30 * time.Millisecond)",
                     "<-t.C",
                     "active := t.Reset(5 * time.Millisecond)",
                     {"if": "active", "then": ["sleep 100"]},
                     "stopped = t.Stop()",
                     {"if": "!stopped", "then": ["sleep 100"]},
                     "tk := time.NewTicker(10 * time.Millisecond)",
                     "<-tk.C",
                     "tk.Reset(3 * time.Millisecond)",
                     "<-tk.C", "<-tk.C",
                     "tk.Stop()"]}]}
                """);

        // A Reset is a stop (n 1 if it was pending), then an arm.
        assertThat(run.lines()).containsExactly(
                "0 main spawn",
                "0 main arm main.t 10",
                "0 main sleep 20",
                "10 runtime send main.t 1",
                "20 main stop main.t 0",
                "20 main recv main.t 0",
                "20 main stop main.t 0",
                "20 main arm main.t 50",
                "20 main wait chan-recv [main.t]",
                "50 runtime send-sync main.t 0",
                "50 main wake main.t",
                "50 main recv-sync main.t 0",
                "50 main stop main.t 0",
                "50 main arm main.t 55",
                "50 main stop main.t 1",
                "50 main arm main.tk 60",
                "50 main wait chan-recv [main.tk]",
                "60 runtime send-sync main.tk 0",
                "60 main wake main.tk",
                "60 main recv-sync main.tk 0",
                "60 runtime arm main.tk 70",
                "60 main stop main.tk 1",
                "60 main arm main.tk 63",
                "60 main wait chan-recv [main.tk]",
                "63 runtime send-sync main.tk 0",
                "63 main wake main.tk",
                "63 main recv-sync main.tk 0",
                "63 runtime arm main.tk 66",
                "63 main wait chan-recv [main.tk]",
                "66 runtime send-sync main.tk 0",
                "66 main wake main.tk",
                "66 main recv-sync main.tk 0",
                "66 runtime arm main.tk 69",
                "66 main stop main.tk 1",
                "66 main exit");
    }

    /**
     * A range takes its channel once, as Go evaluates a range expression once: setting the variable to nil in the
     * body does not stop the loop from draining the channel it started on (it once blocked on the nil channel).
     */
    @Test
    void aRangeTakesItsChannelOnce() throws Exception {
        ScriptRun run = ScriptRun.of("""
                {"chans": [{"name": "never", "nil": true}],
                 "goroutines": [{"name": "main", "steps": [
                   "ch := make(chan int, 3)", "ch <- 1", "ch <- 2", "close(ch)",
                   "n := 0",
                   {"for": "v := range ch", "do": ["n = n + v", "ch = nil"]},
                   {"if": "n != 3 || ch != nil", "then": ["<-never"]}]}]}
                """);

        assertThat(run.lines()).noneMatch(l -> l.contains(" wait ")).last().isEqualTo("0 main exit");
    }

    @Test
    void breakAndContinueNeedALoopOrSelectOfTheirOwnFunction() {
        assertThatThrownBy(() -> ScriptRun.of("""
                {"goroutines": [{"name": "main", "steps": [
                  {"for": "", "do": [{"go": ["break"]}]}]}]}
                """)).isInstanceOf(dev.lockscope.io.InputException.class).hasMessageEndingWith(
                "goroutines[0].steps[0].do[0].go[0]: break is not in a loop or select (of this function: a go or "
                + "defer block is a function of its own)");
        assertThatThrownBy(() -> ScriptRun.of("""
                {"chans": [{"name": "ch"}], "goroutines": [{"name": "main", "steps": [
                  {"select": [{"case": "<-ch", "do": ["continue"]}]}]}]}
                """)).isInstanceOf(dev.lockscope.io.InputException.class).hasMessageEndingWith(
                "goroutines[0].steps[0].select[0].do[0]: continue is not in a loop (of this function: a go or defer "
                + "block is a function of its own)");
        assertThatThrownBy(() -> ScriptRun.of("""
                {"chans": [{"name": "ch"}], "goroutines": [{"name": "main", "steps": ["ch = nil"]}]}
                """)).isInstanceOf(dev.lockscope.io.InputException.class).hasMessageEndingWith(
                "goroutines[0].steps[0]: cannot assign to ch (a channel of the script's declarations; a local copy can "
                + "be set to nil: ch := make(...) in a step, or a parameter)");
        assertThatThrownBy(() -> ScriptRun.of("""
                {"goroutines": [{"name": "main", "steps": ["tk := time.NewTicker(time.Second)", "ok := tk.Stop()"]}]}
                """)).isInstanceOf(dev.lockscope.io.InputException.class).hasMessageEndingWith(
                "goroutines[0].steps[1]: tk.Stop() (no value) used as value: a ticker's Stop and Reset return nothing");
        assertThatThrownBy(() -> ScriptRun.of("""
                {"goroutines": [{"name": "main", "steps": ["tk := time.NewTicker(time.Second)", "tk.Reset(0 * time.Second)"]}]}
                """)).isInstanceOf(dev.lockscope.io.InputException.class).hasMessageEndingWith(
                "goroutines[0].steps[1]: non-positive interval for Ticker.Reset");
    }

    /**
     * A loop of non-blocking selects hands the kernel an instruction each pass but never lets time pass: the guard
     * counts its operations across those instructions within the instant, and panics it, so the run goes on (it once
     * spun until the heap ran out, found on GoBench's moby28462).
     */
    @Test
    void aBusyLoopOfNonBlockingSelectsPanicsAndTheRunGoesOn() throws Exception {
        ScriptRun run = ScriptRun.of("""
                {"chans": [{"name": "stop"}],
                 "goroutines": [
                   {"name": "spin", "steps": [{"for": "", "do": [
                     {"select": [{"case": "<-stop", "do": ["return"]}, {"default": []}]}]}]},
                   {"name": "closer", "startMs": 5, "steps": ["close(stop)"]}]}
                """);

        assertThat(run.lines()).contains(
                "0 spin panic lockscope: the goroutine ran 10000000 steps without blocking (an endless loop?)",
                "0 spin exit",
                "5 closer spawn",
                "5 closer exit");
    }

    @Test
    void closuresShareTheirVariablesAndEachLoopPassDeclaresNewOnes() throws Exception {
        ScriptRun run = ScriptRun.of("""
                {"chans": [{"name": "out", "cap": 10}],
                 "goroutines": [{"name": "main", "steps": [
                   "x := 1",
                   {"go": ["out <- x"]},
                   "x = 2",
                   "sleep 1",
                   {"for": "i := 0; i < 2; i++", "do": ["y := i * 10", {"go": ["sleep 1", "out <- y"]}]},
                   "a := <-out", "b := <-out", "c := <-out",
                   {"if": "a == 2 && b == 0 && c == 10", "then": ["sleep 7"], "else": ["sleep 70"]}]}]}
                """);

        // The first closure sends x after main changed it to 2; each loop pass's closure has its own y.
        assertThat(run.lines()).contains("0 main.func1#1 spawn by main", "1 main.func2#1 spawn by main",
                "1 main.func2#2 spawn by main", "2 main sleep 7");
    }

    @Test
    void aDeferredCallIsNoFuncLiteralAndLeavesTheClosureNumbersAsGoHasThem() throws Exception {
        // Go names func literals only: after "defer mu.Unlock()" the first go func() {...}() is still main.func1.
        ScriptRun run = ScriptRun.of("""
                {"locks": [{"name": "mu", "kind": "mutex"}],
                 "goroutines": [{"name": "main", "steps": [
                   "mu.Lock()", "defer mu.Unlock()", {"go": ["sleep 1"]}, {"defer": ["sleep 1"]}, {"go": ["sleep 1"]}]}]}
                """);

        assertThat(run.lines()).contains("0 main.func1#1 spawn by main", "0 main.func3#1 spawn by main");
    }

    @Test
    void sitesNameTheLinesOfTheGoListing() throws Exception {
        String json = """
                {"chans": [{"name": "ch"}],
                 "goroutines": [{"name": "main", "steps": [
                   {"go": ["ch <- 1"]},
                   {"for": "v := range ch", "do": [
                     {"select": [{"case": "ch <- v", "do": []}, {"default": ["return"]}]}]}]}]}
                """;
        ScriptSpec spec = (ScriptSpec) ScriptRun.scenario(json).body();

        assertThat(ScriptCode.of(spec).getFirst().text()).isEqualTo("""
                func main() {
                	go func() {
                		ch <- 1
                	}()
                	for v := range ch {
                		select {
                		case ch <- v:
                		default:
                			return
                		}
                	}
                }
                """);
        // The select finds no receiver for its send and runs its default: no event names its line.
        assertThat(ScriptRun.of(json).sites()).containsExactly(
                "main | main #4: for v := range ch {",
                "main.func1 | main #2: ch <- 1");
    }

    @Test
    void lockScriptsKeepTheirSitesAndReadAsGo() throws Exception {
        String json = """
                {"locks": [{"name": "A", "kind": "mutex"}],
                 "goroutines": [{"name": "g1", "steps": ["lock A", "sleep 10", "unlock A"]}]}
                """;
        assertThat(ScriptRun.of(json).sites()).containsExactly("g1 | g1 #1: lock A", "g1 | g1 #2: sleep 10",
                "g1 | g1 #3: unlock A");
        assertThat(ScriptCode.of((ScriptSpec) ScriptRun.scenario(json).body()).getFirst().lines())
                .containsExactly("\tA.Lock()", "\ttime.Sleep(10 * time.Millisecond)", "\tA.Unlock()");
    }

    @Test
    void everyConstructRoundTripsThroughTheCanonicalForm() throws Exception {
        Scenario s = ScriptRun.scenario("""
                {"locks": [{"name": "mu", "kind": "rwmutex"}],
                 "chans": [{"name": "ch", "type": "string", "cap": 2}, {"name": "nilch", "nil": true}],
                 "waitgroups": [{"name": "wg"}], "conds": [{"name": "c", "lock": "mu"}], "onces": [{"name": "once"}],
                 "contexts": [{"name": "root", "timeoutMs": 50}, {"name": "ctx", "parent": "root", "cancel": "stop"}],
                 "consts": {"buggy": true, "n": 3, "who": "x"},
                 "funcs": [{"name": "f", "params": ["in <-chan string", "k int"], "steps": ["v, ok := <-in", "return"]}],
                 "goroutines": [{"name": "main", "startMs": 1.5, "steps": [
                   "go f(ch, n)", "defer stop()", {"defer": ["wg.Done()"]},
                   {"for": "", "do": [{"if": "buggy", "then": ["return"], "else": ["c.Broadcast()"]}]},
                   {"select": [{"case": "ch <- who", "do": ["sleep 1"]}, {"case": "<-nilch"}, {"default": []}]}]}]}
                """);

        String canonical = ScenarioJson.toJson(s);
        assertThat(ScenarioJson.read("c.json", new StringReader(canonical))).isEqualTo(s);
    }

    @Test
    void everyMistakeNamesTheFileLineAndField() {
        String head = "{\"name\": \"t\", \"kind\": \"script\", \"durationMs\": 1,\n \"chans\": [{\"name\": \"ch\"}],"
                + " \"waitgroups\": [{\"name\": \"wg\"}],\n";
        assertError(head + " \"goroutines\": [{\"name\": \"g\", \"steps\": [\"c <- 1\"]}]}",
                "t.json:3: goroutines[0].steps[0]: unknown channel \"c\" (declared: ch)");
        assertError(head + " \"goroutines\": [{\"name\": \"g\", \"steps\": [\"ch.Add(1)\"]}]}",
                "t.json:3: goroutines[0].steps[0]: ch is a chan int, not a WaitGroup (declared: wg)");
        assertError(head + " \"goroutines\": [{\"name\": \"g\", \"steps\": [\"ch <- \\\"x\\\"\"]}]}",
                "t.json:3: goroutines[0].steps[0]: cannot use \"x\" (string) as int value in send");
        assertError(head + " \"goroutines\": [{\"name\": \"g\", \"steps\": [{\"for\": \"v := range ch\",\n \"do\": "
                        + "[\"v = \\\"s\\\"\"]}]}]}",
                "t.json:4: goroutines[0].steps[0].do[0]: cannot use a string as int in assignment to v");
        assertError(head + " \"goroutines\": [{\"name\": \"g\", \"steps\": [{\"select\": [{\"case\": \"wg.Wait()\"}]}]}]}",
                "t.json:3: goroutines[0].steps[0].select[0].case: expected a send (\"ch <- v\") or a receive (\"<-ch\", "
                        + "\"v := <-ch\", \"v, ok := <-ch\") in a select case, got \"wg.Wait()\"");
        assertError(head + " \"goroutines\": [{\"name\": \"g\", \"steps\": [\"go f(1)\"]}]}",
                "t.json:3: goroutines[0].steps[0]: unknown function \"f\" (declared: none)");
        assertError(head + " \"funcs\": [{\"name\": \"f\", \"params\": [\"in <-chan int\"], \"steps\": [\"in <- 1\"]}]}",
                "t.json:3: funcs[0].steps[0]: invalid operation: cannot send to receive-only channel in");
        assertError(head + " \"funcs\": [{\"name\": \"f\", \"params\": [\"x int\"]}],\n \"goroutines\": [{\"name\": \"g\", "
                        + "\"steps\": [\"f(ch)\"]}]}",
                "t.json:4: goroutines[0].steps[0]: cannot use ch (chan int) as int in argument 1 to f");
        assertError(head + " \"goroutines\": [{\"name\": \"g\", \"steps\": [\"<-time.After(100)\"]}]}",
                "t.json:3: goroutines[0].steps[0]: expected a duration such as \"100 * time.Millisecond\" or "
                        + "\"time.Second\", got \"100\"");
        assertError(head + " \"goroutines\": [{\"name\": \"g\", \"steps\": [\"x := 1\", \"x := 2\"]}]}",
                "t.json:3: goroutines[0].steps[1]: x is declared already in this block");
        assertError(head + " \"goroutines\": [{\"name\": \"g\", \"steps\": [{\"while\": \"x\"}]}]}",
                "t.json:3: goroutines[0].steps[0]: expected a block with one of for, if, select, go, defer");
        assertError(head + " \"goroutines\": [{\"name\": \"g\", \"steps\": [{\"if\": \"1\", \"then\": []}]}]}",
                "t.json:3: goroutines[0].steps[0].if: expected bool for the condition, got 1 (int)");
        assertError(head + " \"consts\": {\"n\": 1}, \"goroutines\": [{\"name\": \"g\", \"steps\": [\"n = 2\"]}]}",
                "t.json:3: goroutines[0].steps[0]: cannot assign to n (a constant)");
        assertError(head + " \"conds\": [{\"name\": \"c\", \"lock\": \"nope\"}]}",
                "t.json:3: conds[0].lock: unknown lock \"nope\" (declared: )");
        assertError(head + " \"funcs\": [{\"name\": \"close\", \"steps\": []}]}",
                "t.json:3: funcs[0].name: \"close\" is a Go keyword, built-in or package name that steps use (such as "
                        + "close(ch) or time.Sleep); choose another name");
        assertError(head + " \"funcs\": [{\"name\": \"do-it\", \"steps\": []}]}",
                "t.json:3: funcs[0].name: expected a Go identifier (letters, digits, _), got \"do-it\"");
        assertError(head + " \"onces\": [{\"name\": \"ch\"}]}",
                "t.json:3: onces[0].name: duplicate name \"ch\" (every lock, primitive, constant and function of a "
                        + "script has a name of its own)");
    }

    private static void assertError(String json, String message) {
        assertThatThrownBy(() -> ScenarioJson.read("t.json", new StringReader(json))).isInstanceOf(InputException.class)
                .hasMessage(message);
    }

    @Test
    void scriptsOfLocksAloneNeedNoNewFormat() throws Exception {
        assertThat(((ScriptSpec) ScriptRun.scenario("""
                {"locks": [{"name": "A", "kind": "mutex"}], "goroutines": [{"name": "g", "steps": ["lock A"]}]}
                """).body()).usesPrimitives()).isFalse();
        assertThat(((ScriptSpec) ScriptRun.scenario("""
                {"locks": [{"name": "A", "kind": "mutex"}], "goroutines": [{"name": "g", "steps": ["A.Lock()",
                 "defer A.Unlock()"]}]}
                """).body()).usesPrimitives()).isTrue();
        assertThat(List.of()).isEmpty();
    }
}
