namespace Terminal.PortableTests.Framework
{
    /// <summary>One portable test case: throws <see cref="CheckFailedException"/> (or anything) to fail.</summary>
    public delegate void TestCase();

    /// <summary>
    /// A named group of test cases, filled by hand (no reflection, which NANO004 forbids and which a
    /// device may not carry). Arrays grow by doubling since nanoFramework has no List&lt;T&gt;.
    /// </summary>
    public sealed class TestSuite
    {
        private readonly string _name;
        private string[] _names = new string[8];
        private TestCase[] _cases = new TestCase[8];
        private int _count;

        /// <summary>Creates an empty suite.</summary>
        public TestSuite(string name) => _name = name;

        /// <summary>The suite's name (one portable class).</summary>
        public string Name => _name;

        /// <summary>Number of cases.</summary>
        public int Count => _count;

        /// <summary>Adds a case under a name unique within the suite.</summary>
        public void Add(string name, TestCase testCase)
        {
            if (_count == _names.Length)
            {
                string[] names = new string[_count * 2];
                TestCase[] cases = new TestCase[_count * 2];
                System.Array.Copy(_names, names, _count);
                System.Array.Copy(_cases, cases, _count);
                _names = names;
                _cases = cases;
            }

            _names[_count] = name;
            _cases[_count] = testCase;
            _count++;
        }

        /// <summary>The name of case <paramref name="index"/>.</summary>
        public string NameAt(int index) => _names[index];

        /// <summary>The case at <paramref name="index"/>.</summary>
        public TestCase CaseAt(int index) => _cases[index];

        /// <summary>Runs every case; returns the failures, one line each ("name: message"), or an empty string.</summary>
        public string RunAll()
        {
            string failures = string.Empty;
            for (int i = 0; i < _count; i++)
            {
                try
                {
                    _cases[i]();
                }
                catch (System.Exception e)
                {
                    failures += _name + "." + _names[i] + ": " + e.Message + "\n";
                }
            }

            return failures;
        }
    }
}
