package io.ringside.latency.deadletters;

import io.ringside.codecs.TemplateNames;
import io.ringside.latency.report.JsonString;

import java.time.Instant;

/** A dead letter as one line: words for an operator, or a JSON object per line for tools. */
public final class DeadLetterFormat
{
    private final boolean json;
    private final FrameFields fields = new FrameFields();

    /** @param json JSON lines rather than text. */
    public DeadLetterFormat(final boolean json)
    {
        this.json = json;
    }

    public String line(final DeadLetter letter)
    {
        return json ? json(letter) : text(letter);
    }

    private String text(final DeadLetter letter)
    {
        if (!letter.readable())
        {
            return "unreadable dead letter (recording " + letter.recordingId() + " position " + letter.position()
                + "): " + letter.problem();
        }
        final StringBuilder line = new StringBuilder()
            .append(letter.reasonName())
            .append(" stage=").append(letter.stageName())
            .append(" source=").append(letter.sourceId())
            .append(" sequence=").append(letter.sequence())
            .append(" time=").append(time(letter.eventTime()))
            .append(" template=").append(templateName(letter.templateId()))
            .append(" publisher=").append(letter.publisherName().replace(' ', '_'));
        if (!letter.detail().isEmpty())
        {
            line.append(" detail=\"").append(printable(letter.detail())).append('"');
        }
        final String decoded = null == letter.frameProblem() ? fields.of(letter.frame()) : null;
        if (null != decoded)
        {
            line.append(" fields: ").append(printable(decoded));
        }
        else
        {
            line.append(" frame unreadable: ").append(null != letter.frameProblem() ? letter.frameProblem() : "fields")
                .append(" (").append(letter.frame().length).append(" bytes)");
        }
        return line.toString();
    }

    private String json(final DeadLetter letter)
    {
        if (!letter.readable())
        {
            return "{\"unreadable\":" + JsonString.quote(letter.problem()) + ",\"recordingId\":" + letter.recordingId()
                + ",\"position\":" + letter.position() + "}";
        }
        final String decoded = null == letter.frameProblem() ? fields.of(letter.frame()) : null;
        final StringBuilder line = new StringBuilder("{")
            .append("\"reason\":").append(JsonString.quote(letter.reasonName()))
            .append(",\"reasonCode\":").append(letter.reason())
            .append(",\"stage\":").append(JsonString.quote(letter.stageName()))
            .append(",\"sourceId\":").append(letter.sourceId())
            .append(",\"sequence\":").append(letter.sequence())
            .append(",\"eventTime\":").append(JsonString.quote(time(letter.eventTime())))
            .append(",\"eventTimeNs\":").append(letter.eventTime())
            .append(",\"template\":").append(JsonString.quote(templateName(letter.templateId())))
            .append(",\"templateId\":").append(letter.templateId())
            .append(",\"publisher\":").append(JsonString.quote(letter.publisherName()))
            .append(",\"publisherId\":").append(letter.publisher())
            .append(",\"logPosition\":").append(letter.logPosition())
            .append(",\"deadLetterSequence\":").append(letter.deadLetterSequence())
            .append(",\"recordingId\":").append(letter.recordingId())
            .append(",\"position\":").append(letter.position())
            .append(",\"detail\":").append(JsonString.quote(letter.detail()))
            .append(",\"frameLength\":").append(letter.frame().length)
            .append(",\"readable\":").append(null != decoded);
        if (null != decoded)
        {
            line.append(",\"fields\":").append(JsonString.quote(decoded));
        }
        else
        {
            line.append(",\"frameProblem\":")
                .append(JsonString.quote(null != letter.frameProblem() ? letter.frameProblem() : "fields"));
        }
        return line.append('}').toString();
    }

    /** ISO-8601 in UTC; "-" for the 0 of an envelope that could not be read. */
    static String time(final long epochNs)
    {
        return 0 == epochNs ? "-" : Instant.ofEpochSecond(0, epochNs).toString();
    }

    private static String templateName(final int templateId)
    {
        final String name = TemplateNames.name(templateId);
        return null != name ? name : 0 == templateId ? "-" : "template_" + templateId;
    }

    /** What a hostile sender put in text must not drive the operator's terminal: control characters shown as '?'. */
    private static String printable(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            out.append(c < 0x20 || (c >= 0x7f && c < 0xa0) ? '?' : c);
        }
        return out.toString();
    }
}
