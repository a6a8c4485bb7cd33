// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import dev.scopepool.impl.testkit.Stubborn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flight-recorder side of giving up a hung create: a failed creation now, an abandoned retirement later. */
class AbandonmentEventsTest {

    @TempDir
    Path dir;

    @Test
    void aGivenUpCreateIsAFailedCreationAndItsLateResourceRetiresAsAbandoned() throws Exception {
        FakeFactory factory = new FakeFactory();
        Stubborn stubborn = new Stubborn();
        String name = "jfr-abandoned-create";
        List<RecordedEvent> events;
        try (Recording recording = new Recording()) {
            recording.enable("dev.scopepool.ResourceCreate").withThreshold(Duration.ZERO);
            recording.enable("dev.scopepool.ResourceRetire").withThreshold(Duration.ZERO);
            recording.start();
            try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().name(name).max(1)
                    .createTimeout(Duration.ofMillis(150)).create(() -> {
                        stubborn.hang();
                        return factory.create();
                    }).build())) {
                assertThrows(ResourceCreationException.class, () -> pool.acquire());
                stubborn.letGo();
                Poll.until("the late resource destroyed", () -> factory.destroyed() == 1);
            }
            recording.stop();
            Path file = dir.resolve("abandoned.jfr");
            recording.dump(file);
            events = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> name.equals(e.getString("pool"))).toList();
        }
        List<RecordedEvent> creates = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.scopepool.ResourceCreate")).toList();
        assertEquals(1, creates.size(), "one creation, recorded once, when it was given up: " + creates);
        assertFalse(creates.get(0).getBoolean("success"));
        assertTrue(creates.get(0).getString("error").contains("TimeoutException"), creates.get(0).getString("error"));
        List<String> reasons = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.scopepool.ResourceRetire"))
                .map(e -> e.getString("reason")).toList();
        assertEquals(List.of("abandoned"), reasons);
    }
}
