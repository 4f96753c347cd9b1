using Terminal.Simulator.Fuzz;
using Xunit;

namespace Terminal.Simulator.Tests.Fuzz;

/// <summary>
/// The CI share of `terminal fuzz`: every target for a short run, nothing escapes and nothing hangs. The counts
/// keep the whole set to seconds; docs/fuzzing.md gives the figures of the runs of a million per target.
/// </summary>
public class FuzzTargetTests
{
    // Inputs per target in CI: about a second each on the 2-core build machine.
    private static readonly Dictionary<string, int> Counts = new(StringComparer.Ordinal)
    {
        ["emv-tlv"] = 40_000,
        ["emv-dialogue"] = 10_000,
        ["cup"] = 20_000,
        ["ascii87"] = 20_000,
        ["tcp-framer"] = 40_000,
        ["serial-framer"] = 40_000,
        ["qr"] = 30_000,
        ["journal"] = 3_000,
        ["keystore"] = 500,
        ["update-image"] = 3_000,
        ["bundle"] = 20_000,
        ["board-file"] = 1_000,
        ["provisioning-file"] = 3_000,
        ["catalog-download"] = 2_000,
    };

    public static TheoryData<string> Targets() => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void A_short_run_of_mutated_inputs_has_no_escape_and_no_hang(string name)
    {
        FuzzTarget target = FuzzTargets.Create(name)!;

        FuzzReport report = FuzzRunner.Run(target, Counts[name], seed: 16, TimeSpan.FromSeconds(20));

        Assert.True(report.Clean, $"{report.FirstEscape}\nreplay: terminal fuzz {name} --replay {report.FirstEscapeHex}");
        Assert.Equal(Counts[name], report.Inputs);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_unmutated_is_handled(string name)
    {
        FuzzTarget target = FuzzTargets.Create(name)!;

        Assert.NotEmpty(target.Seeds);
        foreach (byte[] seed in target.Seeds)
        {
            byte[] copy = (byte[])seed.Clone();
            Assert.Null(FuzzRunner.FeedOne(target, copy, copy.Length));
        }
    }

    [Fact]
    public void The_inputs_issue_16_reduced_its_escapes_to_are_seeds_of_the_TLV_target()
    {
        FuzzTarget target = FuzzTargets.Create("emv-tlv")!;

        foreach (string hex in new[] { "570A44997722667755116699", "571588883399E06488008E557755229966338388119966" })
        {
            Assert.Contains(target.Seeds, s => Convert.ToHexString(s) == hex);
        }
    }

    [Fact]
    public void The_runner_reports_an_escape_with_the_input_that_replays_it()
    {
        var target = new Throwing();

        FuzzReport report = FuzzRunner.Run(target, 200, seed: 1, TimeSpan.FromSeconds(20));

        Assert.True(report.Escapes > 0);
        Assert.Contains("IndexOutOfRangeException", report.FirstEscape, StringComparison.Ordinal);
        byte[] input = Convert.FromHexString(report.FirstEscapeHex!);
        Assert.NotNull(FuzzRunner.FeedOne(target, input, input.Length));
    }

    [Fact]
    public void The_runner_reports_a_hang_with_the_input_it_hung_on()
    {
        FuzzReport report = FuzzRunner.Run(new Hanging(), 10, seed: 1, TimeSpan.FromSeconds(1));

        Assert.True(report.Hung);
        Assert.False(report.Clean);
        Assert.Equal("FF", report.FirstEscapeHex);
    }

    [Fact]
    public void The_same_seed_makes_the_same_inputs()
    {
        var a = new Recording();
        var b = new Recording();

        FuzzRunner.Run(a, 300, seed: 5, TimeSpan.FromSeconds(20));
        FuzzRunner.Run(b, 300, seed: 5, TimeSpan.FromSeconds(20));

        Assert.Equal(a.Inputs, b.Inputs);
    }

    // A parser with an off-by-one on its length byte.
    private sealed class Throwing : FuzzTarget
    {
        public override string Name => "throwing";

        public override string Feeds => "a length byte trusted";

        public override IReadOnlyList<byte[]> Seeds { get; } = [[0x03, 1, 2, 3]];

        public override IReadOnlyList<int> LengthFields(int seed) => [0];

        public override void Feed(byte[] input, int length)
        {
            var copy = new byte[3];
            for (int i = 0; length > 0 && i < input[0]; i++)
            {
                copy[i] = input[1 + i];
            }
        }
    }

    private sealed class Hanging : FuzzTarget
    {
        public override string Name => "hanging";

        public override string Feeds => "a loop that never ends";

        public override IReadOnlyList<byte[]> Seeds { get; } = [[0xFF]];

        public override int MaxInput => 1;

        public override void Feed(byte[] input, int length) => Thread.Sleep(3000); // three times the hang limit, then the thread ends
    }

    private sealed class Recording : FuzzTarget
    {
        public List<string> Inputs { get; } = [];

        public override string Name => "recording";

        public override string Feeds => "nothing";

        public override IReadOnlyList<byte[]> Seeds { get; } = [[1, 2, 3, 4, 5, 6, 7, 8], [9, 9, 9]];

        public override void Feed(byte[] input, int length) => Inputs.Add(Convert.ToHexString(input, 0, length));
    }
}

/// <summary>Inputs the fuzz runs found escaping, fed again: each is handled now.</summary>
public class FuzzFindingTests
{
    [Fact]
    public void A_key_store_whose_TMK_and_MAK_have_lengths_no_key_has_is_handled()
    {
        // What the keystore run found: a consistent image (lengths and CRC agree) whose TMK is 15 bytes went to DES.
        var flash = new ImageFlash([], 0, 2);
        var keys = new Terminal.Core.Security.FlashKeyStore(flash, 0);
        keys.Store(Terminal.Hal.KeySlot.Tmk, new byte[15], 0, 15);
        keys.Store(Terminal.Hal.KeySlot.Mak, new byte[5], 0, 5);
        byte[] image = flash.Image();

        Assert.Null(FuzzRunner.FeedOne(FuzzTargets.Create("keystore")!, image, image.Length));
    }

    [Theory]
    // A contactless record with a 24-digit PAN (issue 16), as the dialogue target met it.
    [InlineData("emv-tlv", "70295713" + "4761739001010010D30122010000000000000F" + "5A0C" + "476173900101001047617390" + "5F2403301231")]
    public void A_found_input_is_handled(string target, string hex)
    {
        byte[] input = Convert.FromHexString(hex);

        Assert.Null(FuzzRunner.FeedOne(FuzzTargets.Create(target)!, input, input.Length));
    }
}
