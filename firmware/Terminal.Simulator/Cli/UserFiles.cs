namespace Terminal.Simulator.Cli;

/// <summary>
/// Folders and files the user names for output, checked before the work that fills them starts (a run must not play
/// a whole script and then find it cannot write its trace), and the reason a file operation failed, in words.
/// </summary>
internal static class UserFiles
{
    private const string Probe = ".terminal-write-check";

    /// <summary>Creates the folder (and its parents) and checks a file can be written in it; <see cref="UsageException"/> otherwise.</summary>
    public static DirectoryInfo WritableFolder(DirectoryInfo folder, string option)
    {
        string what = $"{option} {folder}";
        if (File.Exists(folder.FullName))
        {
            throw new UsageException(what, "is a file, not a folder");
        }

        try
        {
            folder.Create();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(what, "cannot create the folder: " + Reason(e));
        }

        try
        {
            using (File.Create(Path.Combine(folder.FullName, Probe), 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(what, "cannot write in the folder: " + Reason(e));
        }

        folder.Refresh();
        return folder;
    }

    /// <summary>Creates (or empties) the file for writing now, so that a bad path is reported before the work starts.</summary>
    public static FileStream CreateFile(FileInfo file, string option)
    {
        string what = $"{option} {file}";
        if (Directory.Exists(file.FullName))
        {
            throw new UsageException(what, "is a folder, not a file");
        }

        try
        {
            return new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(what, "cannot write it: " + Reason(e));
        }
    }

    /// <summary>Reads a text file the user named; <see cref="UsageException"/> naming the option and file when it cannot.</summary>
    public static string ReadText(FileInfo file, string option) => Read(file, option, File.ReadAllText);

    /// <summary>Reads a file the user named; <see cref="UsageException"/> naming the option and file when it cannot.</summary>
    public static byte[] ReadBytes(FileInfo file, string option) => Read(file, option, File.ReadAllBytes);

    /// <summary>Writes a file the user named; <see cref="UsageException"/> naming the option and file when it cannot.</summary>
    public static void WriteBytes(FileInfo file, string option, byte[] bytes)
    {
        using FileStream stream = CreateFile(file, option);
        stream.Write(bytes);
    }

    private static T Read<T>(FileInfo file, string option, Func<string, T> read)
    {
        string what = option.Length == 0 ? file.ToString() : $"{option} {file}";
        if (Directory.Exists(file.FullName))
        {
            throw new UsageException(what, "is a folder, not a file");
        }

        try
        {
            return read(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(what, "cannot read it: " + Reason(e));
        }
    }

    /// <summary>Why a file operation failed, without the path (the caller names it) or the exception's type.</summary>
    public static string Reason(Exception e) => e switch
    {
        FileNotFoundException => "no such file or folder",
        DirectoryNotFoundException => "its folder does not exist",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path is too long",
        _ => e.Message.TrimEnd('.'),
    };
}
