namespace Terminal.Simulator.Board;

/// <summary>
/// The simulator's private folder, for what must not sit beside the outputs a merchant shares: the device secret
/// that opens the encrypted key-store files. `$TERMINAL_HOME` when set, otherwise `$XDG_CONFIG_HOME/terminal`,
/// otherwise `~/.config/terminal`. The folder is owner-only (0700) and the secret file owner-only (0600); an
/// existing secret that others may read is refused, as ssh refuses a private key others can read.
/// </summary>
public static class SimulatorHome
{
    /// <summary>The device secret's file name inside the folder.</summary>
    public const string SecretName = "device.secret";

    /// <summary>The folder (not created).</summary>
    public static string Default
    {
        get
        {
            string? home = Environment.GetEnvironmentVariable("TERMINAL_HOME");
            if (!string.IsNullOrEmpty(home))
            {
                return Path.GetFullPath(home);
            }

            string? config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            if (string.IsNullOrEmpty(config))
            {
                config = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            }

            return Path.Combine(config, "terminal");
        }
    }

    /// <summary>
    /// Creates <paramref name="folder"/> owner-only when missing; returns the path of its device secret. Throws an
    /// <see cref="InvalidOperationException"/> with a one-line reason when the folder or the secret is open to others.
    /// </summary>
    public static string Secret(string folder)
    {
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        string secret = Path.Combine(folder, SecretName);
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((File.GetUnixFileMode(folder) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            {
                throw new InvalidOperationException($"{folder} can be written by others: chmod 700 it");
            }

            if (File.Exists(secret) && (File.GetUnixFileMode(secret) & Others) != 0)
            {
                throw new InvalidOperationException($"{secret} can be read by others: chmod 600 it (or delete it, and the key files it opens)");
            }
        }

        return secret;
    }
}
