using AcquirerHost.Rules;

namespace AcquirerHost.Processing;

/// <summary>What the link should do after a request was processed: the response bytes and how to deliver them.</summary>
/// <param name="Response">The packed response (without transport framing); null when there is nothing to send.</param>
/// <param name="Action">The delivery the matching rule asked for (<see cref="RuleAction.Approve"/> means send once, now).</param>
/// <param name="DelayMs">Delay before sending, for <see cref="RuleAction.Late"/>.</param>
public sealed record HostReply(byte[]? Response, RuleAction Action, int DelayMs);
