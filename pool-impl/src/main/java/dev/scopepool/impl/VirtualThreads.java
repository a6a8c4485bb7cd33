// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Tells whether the calling thread is a virtual thread, on every JDK the library runs on.
 *
 * <p>{@code Thread.isVirtual()} exists from JDK 21 on; the library is built for 17, so the method
 * is looked up once, when this class loads. On a JDK without it every thread is a platform
 * thread. The handle sits in a {@code static final} field, so the JIT compiles the call to a
 * direct one.
 *
 * <p>Why the engine asks: a platform thread that finds the pool full does best to yield a few
 * times (the core goes to a holder about to give a resource back); a virtual thread that yields
 * only goes back on its carrier's queue, ahead of the holders that need that carrier to finish,
 * so a virtual thread queues and parks at once.
 */
final class VirtualThreads {

    private static final MethodHandle IS_VIRTUAL = lookUpIsVirtual();

    private VirtualThreads() {
    }

    /** @return whether the calling thread is a virtual thread (always false before JDK 21) */
    static boolean isCurrent() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable impossible) {
            // Thread.isVirtual() declares nothing and throws nothing.
            throw new IllegalStateException("Thread.isVirtual() failed", impossible);
        }
    }

    private static MethodHandle lookUpIsVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException beforeJdk21) {
            return null;
        }
    }
}
