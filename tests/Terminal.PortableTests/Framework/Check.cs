namespace Terminal.PortableTests.Framework
{
    /// <summary>A failed check in a portable test case; its message says what was expected and what came.</summary>
    public class CheckFailedException : System.Exception
    {
        /// <summary>Creates the failure with its explanation.</summary>
        public CheckFailedException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// The portable assertions: the same calls run under xunit on the PC and under nanoFramework's test
    /// runner on the device, so they use nothing but mscorlib and throw <see cref="CheckFailedException"/>.
    /// </summary>
    public static class Check
    {
        /// <summary>Fails unless the two integers are equal.</summary>
        public static void Equal(long expected, long actual, string what)
        {
            if (expected != actual)
            {
                throw new CheckFailedException(what + ": expected " + expected.ToString() + " but was " + actual.ToString());
            }
        }

        /// <summary>Fails unless the two strings are equal (ordinal).</summary>
        public static void EqualText(string expected, string? actual, string what)
        {
            if (actual == null || !string.Equals(expected, actual))
            {
                throw new CheckFailedException(what + ": expected \"" + expected + "\" but was " + (actual == null ? "null" : "\"" + actual + "\""));
            }
        }

        /// <summary>Fails unless the condition holds.</summary>
        public static void True(bool condition, string what)
        {
            if (!condition)
            {
                throw new CheckFailedException(what + ": expected true but was false");
            }
        }

        /// <summary>Fails if the condition holds.</summary>
        public static void False(bool condition, string what)
        {
            if (condition)
            {
                throw new CheckFailedException(what + ": expected false but was true");
            }
        }

        /// <summary>Fails unless <paramref name="count"/> bytes of <paramref name="actual"/> from <paramref name="offset"/> equal <paramref name="expected"/>.</summary>
        public static void BytesEqual(byte[] expected, byte[] actual, int offset, int count, string what)
        {
            if (count != expected.Length)
            {
                throw new CheckFailedException(what + ": expected " + expected.Length.ToString() + " bytes but was " + count.ToString()
                    + " (" + Hex.Encode(actual, offset, count) + ")");
            }

            for (int i = 0; i < count; i++)
            {
                if (expected[i] != actual[offset + i])
                {
                    throw new CheckFailedException(what + ": expected " + Hex.Encode(expected, 0, expected.Length)
                        + " but was " + Hex.Encode(actual, offset, count) + " (first difference at byte " + i.ToString() + ")");
                }
            }
        }

        /// <summary>Fails unless the bytes, written as upper-case hex, equal <paramref name="expectedHex"/>.</summary>
        public static void Hex8(string expectedHex, byte[] actual, int offset, int count, string what)
        {
            BytesEqual(Hex.Decode(expectedHex), actual, offset, count, what);
        }

        /// <summary>Fails unconditionally.</summary>
        public static void Fail(string what)
        {
            throw new CheckFailedException(what);
        }
    }
}
