namespace System.IO
{
    /// <summary>File operations by path.</summary>
    public static class File
    {
        /// <summary>Deletes the file at <paramref name="path"/>.</summary>
        public static void Delete(string path) => throw new NotImplementedException();

        /// <summary>Whether a file exists at <paramref name="path"/>.</summary>
        public static bool Exists(string path) => throw new NotImplementedException();
    }

    /// <summary>A file opened as a stream.</summary>
    public class FileStream : Stream
    {
        /// <summary>Opens <paramref name="path"/> in a mode with an access.</summary>
        public FileStream(string path, FileMode mode, FileAccess access) => throw new NotImplementedException();

        /// <inheritdoc />
        public override long Length => throw new NotImplementedException();

        /// <inheritdoc />
        public override void Flush() => throw new NotImplementedException();

        /// <inheritdoc />
        public override int Read(byte[] buffer, int offset, int count) => throw new NotImplementedException();

        /// <inheritdoc />
        public override long Seek(long offset, SeekOrigin origin) => throw new NotImplementedException();

        /// <inheritdoc />
        public override void Write(byte[] buffer, int offset, int count) => throw new NotImplementedException();
    }

    /// <summary>How a file is opened.</summary>
    public enum FileMode
    {
        /// <summary>Create; fail if it exists.</summary>
        CreateNew = 1,

        /// <summary>Create or truncate.</summary>
        Create = 2,

        /// <summary>Open; fail if it is missing.</summary>
        Open = 3,

        /// <summary>Open or create.</summary>
        OpenOrCreate = 4,

        /// <summary>Open and truncate.</summary>
        Truncate = 5,

        /// <summary>Open or create, positioned at the end.</summary>
        Append = 6,
    }

    /// <summary>Read, write or both.</summary>
    [Flags]
    public enum FileAccess
    {
        /// <summary>Read.</summary>
        Read = 1,

        /// <summary>Write.</summary>
        Write = 2,

        /// <summary>Read and write.</summary>
        ReadWrite = 3,
    }
}
