using Terminal.Core.Link;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.WireTrace;
using Xunit;
using static Terminal.Messages.Tests.Iso8583.CupSamples;

namespace Terminal.Messages.Tests.Link;

public class ResponseMatcherTests
{
    private static readonly byte[] Tid = "12345678"u8.ToArray();
    private readonly LineLog _log = new();

    private static Iso8583Message Response(int mti, int stan, string tid = TerminalId)
    {
        var m = new Iso8583Message(Profile) { Mti = mti };
        m.SetNumber(Field.Stan, stan);
        m.Set(Field.TerminalId, tid);
        return m;
    }

    [Theory]
    [InlineData(200, 210)]
    [InlineData(800, 810)]
    [InlineData(400, 410)]
    [InlineData(320, 330)]
    [InlineData(820, 830)]
    [InlineData(210, -1)]
    public void A_response_MTI_is_the_request_MTI_plus_10(int request, int response)
    {
        Assert.Equal(response, ResponseMatcher.ResponseMti(request));
    }

    [Fact]
    public void A_response_with_the_pair_MTI_STAN_and_terminal_id_matches_its_request()
    {
        var matcher = new ResponseMatcher(4, _log);
        int handle = matcher.Expect(200, 125, Tid, 0, 30_000);

        Assert.Equal(MatchOutcome.Matched, matcher.Match(Response(210, 125), 100, out int matched));

        Assert.Equal(handle, matched);
        Assert.False(matcher.IsPending(handle));
        Assert.Empty(_log.Lines);
    }

    [Fact]
    public void A_response_with_another_STAN_is_unmatched_and_logged()
    {
        var matcher = new ResponseMatcher(4, _log);
        int handle = matcher.Expect(200, 125, Tid, 0, 30_000);

        Assert.Equal(MatchOutcome.Unmatched, matcher.Match(Response(210, 126), 100, out _));

        Assert.True(matcher.IsPending(handle));
        Assert.Equal(["unmatched response dropped: MTI 0210 STAN 000126"], _log.Lines);
    }

    [Fact]
    public void A_response_for_another_terminal_is_unmatched()
    {
        var matcher = new ResponseMatcher(4, _log);
        matcher.Expect(200, 125, Tid, 0, 30_000);

        Assert.Equal(MatchOutcome.Unmatched, matcher.Match(Response(210, 125, "87654321"), 100, out _));
    }

    [Fact]
    public void A_response_with_the_wrong_MTI_pair_is_unmatched()
    {
        var matcher = new ResponseMatcher(4, _log);
        matcher.Expect(200, 125, Tid, 0, 30_000);

        Assert.Equal(MatchOutcome.Unmatched, matcher.Match(Response(810, 125), 100, out _));
    }

    [Fact]
    public void A_second_copy_of_a_response_is_a_duplicate()
    {
        var matcher = new ResponseMatcher(4, _log);
        matcher.Expect(200, 125, Tid, 0, 30_000);
        matcher.Match(Response(210, 125), 100, out _);

        Assert.Equal(MatchOutcome.Duplicate, matcher.Match(Response(210, 125), 200, out int handle));

        Assert.Equal(-1, handle);
        Assert.Equal(1, matcher.Duplicates);
        Assert.Equal(["duplicate response dropped: MTI 0210 STAN 000125"], _log.Lines);
    }

    [Fact]
    public void A_response_after_the_request_timed_out_is_late()
    {
        var matcher = new ResponseMatcher(4, _log);
        int handle = matcher.Expect(200, 125, Tid, 0, 30_000);
        matcher.Poll(30_000);

        Assert.False(matcher.IsPending(handle));
        Assert.Equal(MatchOutcome.Late, matcher.Match(Response(210, 125), 31_000, out _));
        Assert.Equal((1, 1), (matcher.TimedOut, matcher.Late));
    }

    [Fact]
    public void A_response_past_the_deadline_is_late_even_before_the_matcher_is_polled()
    {
        var matcher = new ResponseMatcher(4, _log);
        matcher.Expect(200, 125, Tid, 0, 30_000);

        Assert.Equal(MatchOutcome.Late, matcher.Match(Response(210, 125), 30_001, out _));
    }

    [Fact]
    public void A_second_copy_of_a_late_response_is_a_duplicate()
    {
        var matcher = new ResponseMatcher(4, _log);
        matcher.Expect(200, 125, Tid, 0, 30_000);
        matcher.Poll(40_000);
        matcher.Match(Response(210, 125), 41_000, out _);

        Assert.Equal(MatchOutcome.Duplicate, matcher.Match(Response(210, 125), 42_000, out _));
    }

    [Fact]
    public void Poll_returns_the_earliest_pending_deadline()
    {
        var matcher = new ResponseMatcher(4, _log);
        matcher.Expect(200, 1, Tid, 0, 5_000);
        matcher.Expect(800, 2, Tid, 0, 3_000);

        Assert.Equal(3_000, matcher.Poll(0));
    }

    [Fact]
    public void A_full_table_of_pending_requests_refuses_another_but_forgets_old_answers_to_make_room()
    {
        var matcher = new ResponseMatcher(2, _log);
        matcher.Expect(200, 1, Tid, 0, 5_000);
        matcher.Expect(200, 2, Tid, 0, 5_000);

        Assert.Equal(-1, matcher.Expect(200, 3, Tid, 0, 5_000));
        matcher.Match(Response(210, 1), 10, out _);
        Assert.True(matcher.Expect(200, 3, Tid, 0, 5_000) >= 0);
    }

    private sealed class LineLog : IWireTraceSink
    {
        public List<string> Lines { get; } = [];

        public void WriteLine(string line) => Lines.Add(line);
    }
}
