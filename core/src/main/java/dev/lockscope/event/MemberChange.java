package dev.lockscope.event;

/** What happened to a room member, as recorded by a {@link TraceEvent.MemberEvent}. */
public enum MemberChange {
    /** The member is in the list: its {@code Add} has released the write lock. */
    JOIN("join"),
    /** The member is out of the list: its {@code Remove} has released the write lock. */
    LEAVE("leave"),
    /** The member's client gave up waiting for updates and starts Remove, then Add. */
    RELOAD("reload");

    private final String id;

    MemberChange(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static MemberChange ofId(String id) {
        for (MemberChange c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        return null;
    }
}
