using nanoFramework.TestFramework;
using Terminal.PortableTests;
using Terminal.PortableTests.Framework;

namespace Terminal.DeviceTests
{
    /// <summary>
    /// The portable suites (tests/Terminal.PortableTests) on the device: one test method per suite, which runs
    /// every case of it and fails listing each failed case with its message. Per suite rather than per case
    /// because nanoFramework.TestFramework discovers [TestMethod]s by reflection on this class, while the cases
    /// are listed by the portable registry; a method per case would be a second hand-kept list. The PC host
    /// run (tests/Terminal.PortableTests.Host) checks that every registry suite has its method here.
    /// </summary>
    [TestClass]
    public class PortableSuiteTests
    {
        /// <summary>Event ring, timer table and event loop on a fake clock.</summary>
        [TestMethod]
        public void Runtime() => RunSuite("Runtime");

        /// <summary>CRC-32, PIN block, DUKPT, TDES and the CUP MAC against published vectors.</summary>
        [TestMethod]
        public void Security() => RunSuite("Security");

        /// <summary>Payment codes, amount entry and BER-TLV.</summary>
        [TestMethod]
        public void Payments() => RunSuite("Payments");

        /// <summary>The flash journal over in-memory NOR flash.</summary>
        [TestMethod]
        public void Journal() => RunSuite("Journal");

        /// <summary>A CUP sale packed, signed and unpacked.</summary>
        [TestMethod]
        public void Iso8583() => RunSuite("Iso8583");

        private static void RunSuite(string name)
        {
            TestSuite suite = PortableTestRegistry.Create(name);
            Assert.IsTrue(suite.Count > 0, name + " has no cases");
            string failures = suite.RunAll();
            Assert.IsTrue(failures.Length == 0, failures);
        }
    }
}
