package dev.scopepool.impl.testkit;

/**
 * A pooled stand-in whose {@code equals} says every Fake is equal and whose hash is constant,
 * so any test that passes proves the pool tracks resources by identity.
 */
public final class Fake {

    public final int id;

    public Fake(int id) {
        this.id = id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fake;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "Fake#" + id;
    }
}
