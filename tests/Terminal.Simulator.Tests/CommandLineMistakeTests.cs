using SkiaSharp;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests;

/// <summary>
/// A mistake on the command line or in a file it names prints one line `terminal: WHAT: WHY` on stderr and exits 2:
/// no stack trace, no .NET type name, no help text.
/// </summary>
[Collection("Console")]
public sealed class CommandLineMistakeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("terminal-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Demo_out_where_no_folder_can_be_made_names_the_folder()
    {
        var result = CliTests.Run("demo", "--out", "/proc/forbidden");

        AssertOneLine(result, "terminal: --out /proc/forbidden: cannot create the folder: ");
    }

    [Fact]
    public void Demo_out_naming_a_file_says_it_is_not_a_folder()
    {
        string file = Write("README.md", "# a file\n");

        var result = CliTests.Run("demo", "--out", file);

        AssertOneLine(result, $"terminal: --out {file}: is a file, not a folder");
    }

    [Fact]
    public void Run_out_to_an_unwritable_folder_stops_before_the_script_is_played()
    {
        string script = Write("sale.keys", "keys 1 2 8 0 0 ENTER\nwait 60000\n");

        var result = CliTests.Run("run", "--keys", script, "--out", "/proc/forbidden");

        AssertOneLine(result, "terminal: --out /proc/forbidden: cannot create the folder: ");
        Assert.Equal(string.Empty, result.Out); // no frame drawn: nothing was played
    }

    [Fact]
    public void Run_trace_to_an_unwritable_path_stops_before_the_script_is_played()
    {
        string script = Write("sale.keys", "keys 1 2 8 0 0 ENTER\nwait 60000\n");

        var result = CliTests.Run("run", "--keys", script, "--trace", "/proc/forbidden/trace.txt");

        AssertOneLine(result, "terminal: --trace /proc/forbidden/trace.txt: cannot write it: ");
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public void Run_trace_to_a_folder_says_it_is_not_a_file()
    {
        string script = Write("idle.keys", "wait 10\n");

        var result = CliTests.Run("run", "--keys", script, "--trace", _dir);

        AssertOneLine(result, $"terminal: --trace {_dir}: is a folder, not a file");
    }

    [Fact]
    public void A_key_script_that_is_missing_is_named_with_its_option()
    {
        string missing = Path.Combine(_dir, "nope.keys");

        var result = CliTests.Run("run", "--keys", missing);

        AssertOneLine(result, $"terminal: --keys {missing}: cannot read it: no such file or folder");
    }

    [Fact]
    public void A_scan_of_a_missing_png_is_refused_when_the_script_is_read()
    {
        string missing = Path.Combine(_dir, "missing.png");

        var error = Assert.Throws<FormatException>(() => KeyScript.Parse($"keys 5 0 0 ENTER\nscan {missing}\n", "pay.keys"));

        Assert.Equal($"pay.keys:2: cannot read {missing}: no such file or folder", error.Message);
    }

    [Fact]
    public void A_scan_of_a_missing_png_exits_2_naming_the_script_line()
    {
        string script = Write("pay.keys", $"scan {Path.Combine(_dir, "missing.png")}\n");

        var result = CliTests.Run("run", "--keys", script);

        AssertOneLine(result, "terminal: pay.keys:1: cannot read ");
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public void A_scan_of_a_png_without_a_qr_code_exits_2_naming_the_script_line()
    {
        string blank = Path.Combine(_dir, "blank.png");
        using (var bitmap = new SKBitmap(64, 64))
        {
            bitmap.Erase(SKColors.White);
            using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(blank, png.ToArray());
        }

        string script = Write("pay.keys", $"scan {blank}\n");

        var result = CliTests.Run("run", "--keys", script);

        AssertOneLine(result, $"terminal: pay.keys:1: no QR code found in {blank}");
    }

    [Fact]
    public void A_scan_of_a_png_that_is_no_image_exits_2_naming_the_script_line()
    {
        string text = Write("code.png", "not an image\n");
        string script = Write("pay.keys", $"scan {text}\n");

        var result = CliTests.Run("run", "--keys", script);

        AssertOneLine(result, $"terminal: pay.keys:1: no QR code found in {text}");
    }

    [Fact]
    public void An_unknown_command_is_one_line_not_the_help()
    {
        var result = CliTests.Run("frobnicate");

        AssertOneLine(result, "terminal: frobnicate: no such command (terminal --help lists them)");
    }

    [Theory]
    [InlineData("simulte", "did you mean simulate?")]
    [InlineData("selftset", "did you mean selftest?")]
    [InlineData("decode", "did you mean iso8583 decode?")]
    public void A_mistyped_command_gets_a_did_you_mean(string typed, string suggestion)
    {
        var result = CliTests.Run(typed);

        AssertOneLine(result, $"terminal: {typed}: no such command; {suggestion}");
    }

    [Fact]
    public void A_mistyped_option_gets_a_did_you_mean()
    {
        var result = CliTests.Run("run", "--frame");

        AssertOneLine(result, "terminal: run --frame: no such option; did you mean --frames? (terminal run --help lists them)");
    }

    [Fact]
    public void A_mistyped_subcommand_gets_a_did_you_mean()
    {
        var result = CliTests.Run("iso8583", "decod", "0800");

        AssertOneLine(result, "terminal: iso8583 decod: no such command; did you mean iso8583 decode?");
    }

    [Fact]
    public void A_command_that_needs_a_subcommand_lists_them()
    {
        var result = CliTests.Run("update");

        AssertOneLine(result, "terminal: update: needs a command: keygen, bundle, sign, verify, demo");
    }

    [Fact]
    public void A_missing_required_option_is_named()
    {
        var result = CliTests.Run("iso8583", "mac", "0800");

        AssertOneLine(result, "terminal: iso8583 mac: --mak is required");
    }

    [Theory]
    [InlineData("simulate", "--seeds", "abc")]
    [InlineData("simulate", "--seed", "x1")]
    [InlineData("selftest", "--seed", "one")]
    [InlineData("fuzz", "--count", "1e6")]
    [InlineData("demo", "--seed", "seven")]
    public void A_word_where_a_number_goes_says_so_without_a_type_name(string command, string option, string value)
    {
        var result = CliTests.Run(command, option, value);

        AssertOneLine(result, $"terminal: {command} {option}: '{value}' is not a whole number");
    }

    [Fact]
    public void A_number_too_large_says_so()
    {
        var result = CliTests.Run("simulate", "--seeds", "99999999999");

        AssertOneLine(result, "terminal: simulate --seeds: '99999999999' is too large");
    }

    [Fact]
    public void An_option_without_its_value_says_so()
    {
        var result = CliTests.Run("simulate", "--seeds");

        AssertOneLine(result, "terminal: simulate --seeds: needs a value");
    }

    [Theory]
    [InlineData("--seeds", "0")]
    [InlineData("--seeds", "-3")]
    [InlineData("--steps", "0")]
    public void Simulate_refuses_a_count_under_one(string option, string value)
    {
        var result = CliTests.Run("simulate", option, value);

        AssertOneLine(result, $"terminal: simulate {option}: must be at least 1, not {value}");
    }

    [Fact]
    public void Fuzz_refuses_a_count_under_one()
    {
        var result = CliTests.Run("fuzz", "cup", "--count", "-5");

        AssertOneLine(result, "terminal: fuzz --count: must be at least 1, not -5");
    }

    [Theory]
    [InlineData(new[] { "fuzz" }, "terminal: fuzz: needs a target: ")]
    [InlineData(new[] { "fuzz", "nosuch" }, "terminal: fuzz: no target 'nosuch': ")]
    [InlineData(new[] { "fuzz", "all", "--replay", "00" }, "terminal: fuzz --replay: replays into one target, not all")]
    public void Fuzz_names_a_missing_or_unknown_target(string[] args, string start)
    {
        AssertOneLine(CliTests.Run(args), start);
    }

    [Fact]
    public void Signin_refuses_a_master_key_of_the_wrong_length_without_echoing_it()
    {
        var result = CliTests.Run("signin", "--tmk", "0123456789ABCDEF0123", "--out", _dir);

        AssertOneLine(result, "terminal: --tmk: must be 16 or 32 hex digits, got 20 characters");
    }

    [Fact]
    public void Signin_refuses_a_terminal_id_of_the_wrong_length()
    {
        var result = CliTests.Run("signin", "--tid", "123", "--out", _dir);

        AssertOneLine(result, "terminal: --tid 123: a terminal ID is 8 characters");
    }

    [Fact]
    public void Signin_out_naming_a_file_says_it_is_not_a_folder()
    {
        string file = Write("wire", "x");

        var result = CliTests.Run("signin", "--out", file);

        AssertOneLine(result, $"terminal: --out {file}: is a file, not a folder");
    }

    [Fact]
    public void Iso8583_decode_of_text_that_is_not_hex_exits_2()
    {
        var result = CliTests.Run("iso8583", "decode", "ZZ");

        AssertOneLine(result, "terminal: iso8583 decode: the message is not hex");
    }

    [Fact]
    public void Iso8583_an_unknown_profile_exits_2()
    {
        var result = CliTests.Run("iso8583", "decode", "--profile", "visa", "00");

        AssertOneLine(result, "terminal: iso8583 decode: unknown profile 'visa' (cup or ascii87)");
    }

    [Fact]
    public void Update_sign_with_a_key_file_that_is_not_pem_names_the_file()
    {
        string junk = Write("key.pem", "not a key\n");

        var result = CliTests.Run("update", "sign", "--key", junk, "--version", "1.0.0", "--in", junk, "--out", Path.Combine(_dir, "x.img"));

        AssertOneLine(result, $"terminal: --key {junk}: is not a PEM private key");
    }

    [Fact]
    public void Update_verify_with_a_public_key_file_that_is_not_hex_names_the_file()
    {
        string junk = Write("key.pub", "not hex\n");

        var result = CliTests.Run("update", "verify", "--pub", junk, junk);

        AssertOneLine(result, $"terminal: --pub {junk}: is not a public key file");
    }

    [Fact]
    public void Update_bundle_of_a_missing_assembly_names_it()
    {
        string missing = Path.Combine(_dir, "Terminal.Device.pe");

        var result = CliTests.Run("update", "bundle", "--out", Path.Combine(_dir, "app.bundle"), missing);

        AssertOneLine(result, $"terminal: {missing}: cannot read it: no such file or folder");
    }

    [Fact]
    public void Update_keygen_out_where_no_folder_can_be_made_names_the_folder()
    {
        var result = CliTests.Run("update", "keygen", "--out", "/proc/forbidden");

        AssertOneLine(result, "terminal: --out /proc/forbidden: cannot create the folder: ");
    }

    [Fact]
    public void Demo_provision_of_a_missing_file_names_it()
    {
        string missing = Path.Combine(_dir, "p.json");

        var result = CliTests.Run("demo", "--provision", missing, "--out", Path.Combine(_dir, "out"));

        AssertOneLine(result, $"terminal: {missing}: cannot read it: no such file or folder");
    }

    [Fact]
    public void Run_board_of_a_missing_file_names_it()
    {
        string missing = Path.Combine(_dir, "board.json");

        var result = CliTests.Run("run", "--board", missing);

        AssertOneLine(result, $"terminal: {missing}: ");
    }

    [Fact]
    public void Selftest_an_unknown_fault_lists_the_known_ones()
    {
        var result = CliTests.Run("selftest", "--fault", "gremlins");

        AssertOneLine(result, "terminal: unknown fault 'gremlins' (known: paper-out");
    }

    [Fact]
    public void The_help_calls_the_command_terminal()
    {
        var (exit, output, _) = CliTests.Run("--help");

        Assert.Equal(0, exit);
        Assert.Contains("Usage:\n  terminal [command] [options]", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_subcommands_help_calls_the_command_terminal_too()
    {
        var (exit, output, _) = CliTests.Run("iso8583", "decode", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("terminal iso8583 decode", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_serial_host_path_that_does_not_exist_is_named_as_missing()
    {
        string missing = Path.Combine(_dir, "ttyNONE");

        var result = CliTests.Run("signin", "--link", "serial", "--host", missing, "--out", Path.Combine(_dir, "out"));

        AssertOneLine(result, $"terminal: no serial device at '{missing}'");
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertOneLine((int Exit, string Out, string Err) result, string start)
    {
        string error = result.Err.TrimEnd('\n', '\r');
        Assert.True(result.Exit == 2, $"exit {result.Exit}, stderr: {result.Err}");
        Assert.DoesNotContain('\n', error);
        Assert.StartsWith(start, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err + result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Err + result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Err + result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", result.Out, StringComparison.Ordinal);
    }
}
