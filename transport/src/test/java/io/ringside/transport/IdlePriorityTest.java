package io.ringside.transport;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdlePriorityTest
{
    @Test
    void theThreadThatAsksRunsUnderSchedIdleAndNoOtherDoes() throws Exception
    {
        final AtomicReference<String> notIdle = new AtomicReference<>("not run");
        final AtomicReference<Boolean> idleAfter = new AtomicReference<>();
        final Thread background = new Thread(() ->
        {
            notIdle.set(IdlePriority.applyToCurrentThread());
            idleAfter.set(IdlePriority.isIdle());
        });
        background.start();
        background.join();

        assertNull(notIdle.get());
        assertTrue(idleAfter.get());
        assertFalse(IdlePriority.isIdle(), "the test's own thread is untouched");
    }

    @Test
    void thePolicyIsReadPastACommandNameWithSpacesAndParentheses()
    {
        final StringBuilder stat = new StringBuilder("4242 (C2 Compiler) x) S");
        // Fields 4 to 40, then the policy (41) and one more.
        for (int field = 4; field <= 40; field++)
        {
            stat.append(' ').append(field);
        }
        stat.append(" 5 0\n");

        assertEquals(5, IdlePriority.policy(stat.toString()));
    }
}
