using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests;

public class KeyScriptTests
{
    [Fact]
    public void Keys_and_waits_parse_in_order_with_comments_ignored()
    {
        var steps = KeyScript.Parse("key 5 # five\nkeys 0 ENTER\n\nwait 250\n", "s");

        Assert.Equal(
            new[] { (KeyCode.Digit0 + 5, 0), (KeyCode.Digit0, 0), (KeyCode.Enter, 0), (KeyCode.None, 250) },
            steps.Select(s => (s.Key, s.WaitMs)));
    }

    [Theory]
    [InlineData("key BANANA", "s:1: unknown key 'BANANA'")]
    [InlineData("wait soon", "s:1: wait needs milliseconds")]
    [InlineData("\npress 5", "s:2: expected 'key K'")]
    public void A_bad_line_is_rejected_naming_the_source_and_line(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => KeyScript.Parse(text, "s"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
