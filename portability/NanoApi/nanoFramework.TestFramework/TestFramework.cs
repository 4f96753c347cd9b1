using System;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    /// <summary>Assertions; a failed one fails the test method.</summary>
    public sealed class Assert
    {
        /// <summary>Fails with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "") => throw new NotImplementedException();
    }

    /// <summary>Marks a class whose test methods the test adapter runs.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
    }

    /// <summary>Marks a test method.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
    }
}
