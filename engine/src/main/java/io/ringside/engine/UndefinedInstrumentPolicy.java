package io.ringside.engine;

/** What ingress does with an event for an instrument no InstrumentDefinition has named. */
public enum UndefinedInstrumentPolicy
{
    /** Let it in, counted (events.undefined_instrument): client activity may arrive before the market data defining it. */
    ACCEPT,
    /** Refuse it, counted (rejected.undefined_instrument): for sources that always define their instruments first. */
    REFUSE
}
