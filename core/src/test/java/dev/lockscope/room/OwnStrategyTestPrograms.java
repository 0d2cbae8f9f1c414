package dev.lockscope.room;

/** Strategy programs the tests of a room's own program share. */
public final class OwnStrategyTestPrograms {
    private OwnStrategyTestPrograms() {}

    /** A sixth strategy: snapshot the list, then one goroutine per send. */
    public static final String SNAPSHOT_FANOUT = """
            {
              "strategy": "snapshot-fanout",
              "description": "Copy the list under the read lock, unlock, then start one goroutine per send.",
              "funcs": [
                {"name": "Broadcast", "params": ["msg Message"], "steps": [
                  "r.membersMx.RLock()",
                  "members := slices.Clone(r.members)",
                  "r.membersMx.RUnlock()",
                  {"for": "_, m := range members", "do": ["go m.Send(msg)"]}
                ]}
              ]
            }
            """;
}
