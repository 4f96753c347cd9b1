using System.Reflection;
using Terminal.Core.Messages.Iso8583;
using Xunit;

namespace Terminal.Messages.Tests.Iso8583;

/// <summary>The profiles name their fields, and the named constants point at fields the profiles define.</summary>
public class FieldNameTests
{
    public static TheoryData<string> Profiles => new() { "cup", "ascii87" };

    private static Iso8583Profile Create(string name) => name == "cup" ? CupProfile.Create() : Ascii87Profile.Create();

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_defined_field_has_a_short_name(string profileName)
    {
        Iso8583Profile profile = Create(profileName);

        for (int f = 2; f <= Iso8583Profile.MaxFieldNumber; f++)
        {
            if (profile.IsDefined(f))
            {
                string? name = profile.NameOf(f);
                Assert.False(string.IsNullOrWhiteSpace(name), $"F{f} has no name");
                Assert.True(name!.Length <= 25, $"F{f} {name}: names stay short, they go to a microcontroller");
                Assert.Equal(name, profile.GetSpec(f).Name);
            }
            else
            {
                Assert.Null(profile.NameOf(f));
            }
        }
    }

    [Fact]
    public void The_cup_profile_names_the_fields_the_terminal_reads_as_the_trace_shows_them()
    {
        Iso8583Profile cup = CupProfile.Create();

        Assert.Equal("PAN", cup.NameOf(Field.Pan));
        Assert.Equal("STAN", cup.NameOf(Field.Stan));
        Assert.Equal("RRN", cup.NameOf(Field.Rrn));
        Assert.Equal("Response code", cup.NameOf(Field.ResponseCode));
        Assert.Equal("MAC", cup.NameOf(Field.Mac));
    }

    [Fact]
    public void Every_named_field_constant_is_a_field_of_a_profile()
    {
        Iso8583Profile cup = CupProfile.Create();
        Iso8583Profile ascii87 = Ascii87Profile.Create();
        FieldInfo[] constants = typeof(Field).GetFields(BindingFlags.Public | BindingFlags.Static);

        Assert.NotEmpty(constants);
        foreach (FieldInfo constant in constants)
        {
            int number = (int)constant.GetRawConstantValue()!;
            Assert.True(cup.IsDefined(number) || ascii87.IsDefined(number), $"Field.{constant.Name} = {number} is in no profile");
        }
    }

    [Fact]
    public void The_cup_fields_all_have_a_named_constant()
    {
        Iso8583Profile cup = CupProfile.Create();
        var named = typeof(Field).GetFields(BindingFlags.Public | BindingFlags.Static).Select(c => (int)c.GetRawConstantValue()!).ToHashSet();

        for (int f = 2; f <= 64; f++)
        {
            Assert.True(!cup.IsDefined(f) || named.Contains(f), $"cup F{f} ({cup.NameOf(f)}) has no constant in Field");
        }
    }
}
