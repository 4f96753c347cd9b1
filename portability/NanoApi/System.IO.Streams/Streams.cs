namespace System.IO
{
    /// <summary>A sequence of bytes (here: the base of FileStream).</summary>
    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        /// <summary>Length in bytes.</summary>
        public abstract long Length { get; }

        /// <summary>Releases the stream.</summary>
        public void Dispose() => throw new NotImplementedException();

        /// <summary>Writes buffered bytes out.</summary>
        public abstract void Flush();

        /// <summary>Reads up to <paramref name="count"/> bytes; returns how many, 0 at the end.</summary>
        public abstract int Read(byte[] buffer, int offset, int count);

        /// <summary>Moves the position.</summary>
        public abstract long Seek(long offset, SeekOrigin origin);

        /// <summary>Writes <paramref name="count"/> bytes.</summary>
        public abstract void Write(byte[] buffer, int offset, int count);
    }

    /// <summary>Where a seek offset counts from.</summary>
    public enum SeekOrigin
    {
        /// <summary>The start.</summary>
        Begin = 0,

        /// <summary>The current position.</summary>
        Current = 1,

        /// <summary>The end.</summary>
        End = 2,
    }
}
