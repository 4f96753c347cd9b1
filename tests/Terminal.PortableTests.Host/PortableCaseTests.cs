using Terminal.PortableTests;
using Terminal.PortableTests.Framework;
using Xunit;

namespace Terminal.PortableTests.Host;

/// <summary>Runs every portable case of the registry as one xunit theory row, so CI runs what a device runs.</summary>
public class PortableCaseTests
{
    /// <summary>"Suite.Case" for every registered case.</summary>
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string name in AllNames())
        {
            data.Add(name);
        }

        return data;
    }

    internal static List<string> AllNames()
    {
        var names = new List<string>();
        foreach (TestSuite suite in PortableTestRegistry.Suites())
        {
            for (int i = 0; i < suite.Count; i++)
            {
                names.Add(suite.Name + "." + suite.NameAt(i));
            }
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Portable_case_passes(string name)
    {
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        TestSuite suite = PortableTestRegistry.Create(name[..dot]);
        string caseName = name[(dot + 1)..];
        for (int i = 0; i < suite.Count; i++)
        {
            if (suite.NameAt(i) == caseName)
            {
                suite.CaseAt(i)();
                return;
            }
        }

        Assert.Fail("no case " + name);
    }

    [Fact]
    public void The_registry_is_not_empty_and_every_case_name_is_unique()
    {
        List<string> names = AllNames();

        Assert.True(names.Count >= 30, "only " + names.Count + " cases registered");
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(PortableTestRegistry.SuiteNames.Length, PortableTestRegistry.SuiteNames.Distinct(StringComparer.Ordinal).Count());
        Assert.All(PortableTestRegistry.Suites(), s => Assert.True(s.Count > 0, s.Name + " is empty"));
    }

    [Fact]
    public void Every_suite_knows_its_own_registry_name()
    {
        foreach (string name in PortableTestRegistry.SuiteNames)
        {
            Assert.Equal(name, PortableTestRegistry.Create(name).Name);
        }
    }

    [Fact]
    public void A_failing_check_names_what_was_expected_and_what_came()
    {
        var e = Assert.Throws<CheckFailedException>(() => Check.Hex8("0102", new byte[] { 1, 3 }, 0, 2, "bytes"));

        Assert.Equal("bytes: expected 0102 but was 0103 (first difference at byte 1)", e.Message);
    }

    [Fact]
    public void RunAll_reports_each_failing_case_and_runs_the_rest()
    {
        var suite = new TestSuite("S");
        int ran = 0;
        suite.Add("Fails", () => Check.Equal(1, 2, "x"));
        suite.Add("Passes", () => ran++);

        string failures = suite.RunAll();

        Assert.Equal("S.Fails: x: expected 1 but was 2\n", failures);
        Assert.Equal(1, ran);
    }
}
