package io.ringside.strategies.surveillance;

/**
 * {@link Surveillance}'s seven rules by their ids, 1 to {@link Surveillance#RULE_COUNT}: each one's name as in the
 * configuration keys, and its counts.
 */
final class RulesById
{
    private final PriceBandRule priceBand;
    private final SizeRule size;
    private final VelocityRule velocity;
    private final SpoofingRule spoofing;
    private final WashTradeRule washTrade;
    private final QuoteStuffingRule quoteStuffing;
    private final StaleFeedRule staleFeed;

    RulesById(
        final PriceBandRule priceBand,
        final SizeRule size,
        final VelocityRule velocity,
        final SpoofingRule spoofing,
        final WashTradeRule washTrade,
        final QuoteStuffingRule quoteStuffing,
        final StaleFeedRule staleFeed)
    {
        this.priceBand = priceBand;
        this.size = size;
        this.velocity = velocity;
        this.spoofing = spoofing;
        this.washTrade = washTrade;
        this.quoteStuffing = quoteStuffing;
        this.staleFeed = staleFeed;
    }

    /** Events a rule judged: see each rule's evaluated(). */
    long evaluated(final int ruleId)
    {
        return switch (ruleId)
        {
            case PriceBandRule.RULE_ID -> priceBand.evaluated();
            case SizeRule.RULE_ID -> size.evaluated();
            case VelocityRule.RULE_ID -> velocity.evaluated();
            case SpoofingRule.RULE_ID -> spoofing.evaluated();
            case WashTradeRule.RULE_ID -> washTrade.evaluated();
            case QuoteStuffingRule.RULE_ID -> quoteStuffing.evaluated();
            case StaleFeedRule.RULE_ID -> staleFeed.evaluated();
            default -> throw new IllegalArgumentException("no rule " + ruleId);
        };
    }

    /** Alerts a rule raised. */
    long alerts(final int ruleId)
    {
        return switch (ruleId)
        {
            case PriceBandRule.RULE_ID -> priceBand.fired();
            case SizeRule.RULE_ID -> size.fired();
            case VelocityRule.RULE_ID -> velocity.fired();
            case SpoofingRule.RULE_ID -> spoofing.fired();
            case WashTradeRule.RULE_ID -> washTrade.fired();
            case QuoteStuffingRule.RULE_ID -> quoteStuffing.fired();
            case StaleFeedRule.RULE_ID -> staleFeed.fired();
            default -> throw new IllegalArgumentException("no rule " + ruleId);
        };
    }

    /** The rule's name as in the configuration keys, e.g. "price-band". */
    static String name(final int ruleId)
    {
        return switch (ruleId)
        {
            case PriceBandRule.RULE_ID -> "price-band";
            case SizeRule.RULE_ID -> "size";
            case VelocityRule.RULE_ID -> "velocity";
            case SpoofingRule.RULE_ID -> "spoofing";
            case WashTradeRule.RULE_ID -> "wash-trade";
            case QuoteStuffingRule.RULE_ID -> "quote-stuffing";
            case StaleFeedRule.RULE_ID -> "stale-feed";
            default -> throw new IllegalArgumentException("no rule " + ruleId);
        };
    }
}
