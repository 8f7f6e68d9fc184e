package io.ringside.latency.deadletters;

import java.util.function.Predicate;

/**
 * Which dead letters to keep: by reason, source and stage, each optional. A letter that cannot itself be read matches
 * only when nothing is asked of it, so an operator looking at everything still sees it.
 */
public final class DeadLetterFilter implements Predicate<DeadLetter>
{
    private final int reason;
    private final Integer sourceId;
    private final int stage;

    /**
     * @param reason   a reason's name ({@link DeadLetter#reasonName(int)}), or null for any.
     * @param sourceId a source id, or null for any.
     * @param stage    a stage's name or number, or null for any.
     * @throws IllegalArgumentException naming the option when a name is not one.
     */
    public DeadLetterFilter(final String reason, final Integer sourceId, final String stage)
    {
        this.reason = null == reason ? -1 : DeadLetter.reason(reason);
        if (null != reason && this.reason < 0)
        {
            throw new IllegalArgumentException(
                "--reason: no reason is named '" + reason + "'; expected one of " + DeadLetter.reasonNames());
        }
        this.stage = null == stage ? -1 : DeadLetter.stage(stage);
        if (null != stage && this.stage < 0)
        {
            throw new IllegalArgumentException(
                "--stage: '" + stage + "' is not a stage; expected ingress, surveillance, strategy or egress (0 to 3)");
        }
        this.sourceId = sourceId;
    }

    public boolean test(final DeadLetter letter)
    {
        if (!letter.readable())
        {
            return reason < 0 && null == sourceId && stage < 0;
        }
        return (reason < 0 || letter.reason() == reason) &&
            (null == sourceId || letter.sourceId() == sourceId) &&
            (stage < 0 || letter.stage() == stage);
    }
}
