package earkit.reference.json;

/** A member's place, spelled out only when an error names it. */
record MemberPath(MemberPath parent, String name) {
    @Override
    public String toString() {
        return parent == null ? name : parent + "." + name;
    }

    static String of(MemberPath p) {
        return p == null ? "" : p.toString();
    }
}
