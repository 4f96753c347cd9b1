namespace System.Text
{
    /// <summary>A character encoding.</summary>
    public abstract class Encoding
    {
        /// <summary>UTF-8.</summary>
        public static Encoding UTF8 => throw new NotImplementedException();

        /// <summary>Decodes <paramref name="count"/> bytes into a string.</summary>
        public virtual string GetString(byte[] bytes, int index, int count) => throw new NotImplementedException();
    }
}
