using System.Reflection;
using Terminal.Core.Messages.Iso8583;
using Terminal.Simulator.Fuzz;
using Xunit;

namespace Terminal.Messages.Tests.Iso8583;

/// <summary>The golden frames `terminal fuzz` mutates are the ones these tests hold, and still unpack.</summary>
public class FuzzSeedTests
{
    public static TheoryData<string> Names() => [.. GoldenFrames.Cup.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_fuzz_seed_is_a_golden_frame_of_these_tests_and_unpacks(string name)
    {
        string hex = GoldenFrames.Cup.Single(f => f.Name == name).Hex;
        FieldInfo? answer = typeof(CupResponseTests).GetField(name, BindingFlags.NonPublic | BindingFlags.Static);
        Assert.True(answer != null || typeof(CupGoldenMessageTests).GetMethod(name) != null, name + " names no golden test");
        if (answer != null)
        {
            Assert.Equal((string)answer.GetRawConstantValue()!, hex);
        }

        byte[] wire = Convert.FromHexString(hex);
        Iso8583Profile profile = CupProfile.Create();
        var m = new Iso8583Message(profile);
        Assert.False(new Iso8583Codec(profile).Unpack(m, wire, 0, wire.Length).IsError, m.LastError.Message);
    }
}
