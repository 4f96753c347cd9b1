namespace System
{
    /// <summary>The runtime environment (nanoFramework's mscorlib has no Environment; this library adds it).</summary>
    public static class Environment
    {
        /// <summary>Milliseconds since boot.</summary>
        public static long TickCount64 => throw new NotImplementedException();
    }
}
