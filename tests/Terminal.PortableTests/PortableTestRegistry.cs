using Terminal.PortableTests.Cases;
using Terminal.PortableTests.Framework;

namespace Terminal.PortableTests
{
    /// <summary>
    /// Every portable test suite, listed by hand: the PC (xunit) and the device (nanoFramework.TestFramework)
    /// both run exactly this list, so they check the same things.
    /// </summary>
    public static class PortableTestRegistry
    {
        /// <summary>The names of the suites, in the order <see cref="Create"/> knows them.</summary>
        public static readonly string[] SuiteNames = new string[] { "Runtime", "Security", "Payments", "Journal", "Iso8583" };

        /// <summary>Creates a fresh instance of every suite (fresh state per run).</summary>
        public static TestSuite[] Suites()
        {
            TestSuite[] suites = new TestSuite[SuiteNames.Length];
            for (int i = 0; i < suites.Length; i++)
            {
                suites[i] = Create(SuiteNames[i]);
            }

            return suites;
        }

        /// <summary>Creates one suite by name; throws for an unknown name.</summary>
        public static TestSuite Create(string name)
        {
            switch (name)
            {
                case "Runtime": return RuntimeCases.Suite();
                case "Security": return SecurityCases.Suite();
                case "Payments": return PaymentsCases.Suite();
                case "Journal": return JournalCases.Suite();
                case "Iso8583": return Iso8583Cases.Suite();
                default: throw new System.ArgumentException("no portable suite named " + name);
            }
        }
    }
}
