using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.Mac;
using Terminal.Core.Messages.WireTrace;
using Terminal.Core.Util;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Firmware;

namespace Terminal.Simulator.Commands;

/// <summary>`terminal iso8583 decode|encode|mac`: ISO 8583 messages as JSON, and the CUP MAC, from the command line.</summary>
internal static class Iso8583Command
{
    // Defaults for a CUP message whose JSON omits them (the FACTS.md example TPDU and header).
    private const string DefaultTpdu = FactoryDefaults.CupTpduHex;
    private const string DefaultHeader = FactoryDefaults.CupHeaderHex;

    public static Command Create()
    {
        var cmd = new Command("iso8583", "Decode, encode and MAC ISO 8583 messages (profiles: cup, ascii87).");
        cmd.Subcommands.Add(DecodeCommand());
        cmd.Subcommands.Add(EncodeCommand());
        cmd.Subcommands.Add(MacCommand());
        return cmd;
    }

    private static Option<string> ProfileOption() => new("--profile")
    {
        Description = "Message format: cup (UnionPay POS, BCD, TPDU + header) or ascii87 (ISO 8583:1987 text).",
        DefaultValueFactory = _ => "cup",
    };

    private static Command DecodeCommand()
    {
        var profile = ProfileOption();
        var mask = new Option<bool>("--mask") { Description = "Blank card data first, as the wire trace does (first 6 and last 4 PAN digits kept)." };
        var hex = new Argument<string>("hex") { Description = "The message in hex, without the transport length prefix (cup: TPDU + header + MTI + bitmap + fields)." };
        var cmd = new Command("decode", "Print a message as JSON: \"mti\", then one key per field, its number and name (\"F37 RRN\").") { profile, mask, hex };
        cmd.SetAction(parse => Run("iso8583 decode", () => Decode(parse.GetValue(profile)!, parse.GetValue(hex)!, parse.GetValue(mask))));
        return cmd;
    }

    private static Command EncodeCommand()
    {
        var profile = ProfileOption();
        var cmd = new Command("encode", "Read the JSON of `decode` on stdin and print the message in hex.") { profile };
        cmd.SetAction(parse => Run("iso8583 encode", () => Encode(parse.GetValue(profile)!, Console.In.ReadToEnd())));
        return cmd;
    }

    private static Command MacCommand()
    {
        var mak = new Option<string>("--mak") { Description = "MAC key in hex: 8 bytes (DES) or 16 bytes (TDES).", Required = true };
        var hex = new Argument<string>("hex") { Description = "A cup message in hex (TPDU + header + MTI ...); the MAC covers MTI up to F64, or to the end without F64." };
        var cmd = new Command("mac", "Print the CUP ECB MAC (F64, as its 8 ASCII characters) of a message.") { mak, hex };
        cmd.SetAction(parse => Run("iso8583 mac", () => Mac(parse.GetValue(mak)!, parse.GetValue(hex)!)));
        return cmd;
    }

    private static int Run(string command, Func<string> body)
    {
        try
        {
            Console.WriteLine(body());
            return 0;
        }
        catch (MessageFormatException e)
        {
            // The message or the key given is the user's mistake: exit 2, as every other command-line mistake.
            Console.Error.WriteLine($"terminal: {command}: {e.Message}");
            return 2;
        }
    }

    internal static Iso8583Profile ProfileByName(string name) => name switch
    {
        "cup" => CupProfile.Create(),
        "ascii87" => Ascii87Profile.Create(),
        _ => throw new MessageFormatException($"unknown profile '{name}' (cup or ascii87)"),
    };

    internal static string Decode(string profileName, string hex, bool mask)
    {
        Iso8583Profile profile = ProfileByName(profileName);
        byte[] wire = ParseHex(hex, "message");
        if (mask)
        {
            var masked = new byte[wire.Length];
            new WireTracer(profile, NullSink.Instance, wire.Length).Mask(wire, 0, wire.Length, masked, 0);
            wire = masked;
        }

        var message = new Iso8583Message(profile);
        Iso8583Error error = new Iso8583Codec(profile).Unpack(message, wire, 0, wire.Length);
        if (error.IsError)
        {
            throw new MessageFormatException(error.Message);
        }

        using var text = new MemoryStream();
        using (var json = new Utf8JsonWriter(text, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (profile.PreambleLength > 0)
            {
                json.WriteString("tpdu", Convert.ToHexString(wire, 0, profile.TpduLength));
                json.WriteString("header", Convert.ToHexString(wire, profile.TpduLength, profile.HeaderLength));
            }

            json.WriteString("mti", message.Mti.ToString("D4", CultureInfo.InvariantCulture));
            for (int f = message.NextField(1); f > 0; f = message.NextField(f))
            {
                json.WriteString(FieldKey(profile, f), message.GetString(f));
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(text.ToArray());
    }

    internal static string Encode(string profileName, string jsonText)
    {
        Iso8583Profile profile = ProfileByName(profileName);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(jsonText);
        }
        catch (JsonException e)
        {
            throw new MessageFormatException($"bad JSON: {e.Message}");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new MessageFormatException("the JSON must be an object");
            }

            var message = new Iso8583Message(profile);
            string tpdu = DefaultTpdu;
            string header = DefaultHeader;
            bool hasMti = false;
            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String)
                {
                    throw new MessageFormatException($"\"{p.Name}\" must be a string");
                }

                string value = p.Value.GetString()!;
                if (p.Name == "mti")
                {
                    if (value.Length != 4 || !value.All(char.IsAsciiDigit))
                    {
                        throw new MessageFormatException($"mti must be 4 digits, not '{value}'");
                    }

                    message.Mti = int.Parse(value, CultureInfo.InvariantCulture);
                    hasMti = true;
                }
                else if (p.Name == "tpdu" && profile.TpduLength > 0)
                {
                    tpdu = value;
                }
                else if (p.Name == "header" && profile.HeaderLength > 0)
                {
                    header = value;
                }
                else if (FieldOfKey(profile, p.Name) is int field)
                {
                    if (profile.GetSpec(field).Type == FieldType.Binary && value.Any(c => HexText.Value(c) < 0))
                    {
                        throw new MessageFormatException($"{FieldKey(profile, field)} is binary: give it as hex");
                    }

                    message.Set(field, value);
                }
                else
                {
                    throw new MessageFormatException($"unknown key \"{p.Name}\" (expected mti, tpdu, header or a field: 37, F37 or \"F37 RRN\")");
                }
            }

            if (!hasMti)
            {
                throw new MessageFormatException("\"mti\" is missing");
            }

            if (profile.PreambleLength > 0)
            {
                byte[] tpduBytes = ParseHex(tpdu, "tpdu");
                byte[] headerBytes = ParseHex(header, "header");
                if (tpduBytes.Length != profile.TpduLength || headerBytes.Length != profile.HeaderLength)
                {
                    throw new MessageFormatException($"tpdu must be {profile.TpduLength} bytes and header {profile.HeaderLength} bytes");
                }

                message.SetPreamble([.. tpduBytes, .. headerBytes], 0);
            }

            var buffer = new byte[65536];
            int n = new Iso8583Codec(profile).Pack(message, buffer, 0);
            if (n < 0)
            {
                throw new MessageFormatException(message.LastError.Message);
            }

            return Convert.ToHexString(buffer, 0, n);
        }
    }

    internal static string Mac(string makHex, string hex)
    {
        byte[] mak = ParseHex(makHex, "MAK");
        if (mak.Length is not (8 or 16 or 24))
        {
            throw new MessageFormatException("the MAK must be 8, 16 or 24 bytes");
        }

        byte[] wire = ParseHex(hex, "message");
        Iso8583Profile cup = CupProfile.Create();
        var message = new Iso8583Message(cup);
        Iso8583Error error = new Iso8583Codec(cup).Unpack(message, wire, 0, wire.Length);
        if (error.IsError)
        {
            throw new MessageFormatException(error.Message);
        }

        var mac = new byte[CupMac.Length];
        try
        {
            new CupMac(new HostCrypto()).Compute(mak, 0, mak.Length, wire, message.MacInputOffset, message.MacInputLength, mac, 0);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new MessageFormatException($"the MAK was refused: {e.Message}");
        }

        return System.Text.Encoding.ASCII.GetString(mac);
    }

    // "F37 RRN": the field's number and its name in the profile, as the trace and the errors write it.
    private static string FieldKey(Iso8583Profile profile, int field) =>
        "F" + field.ToString(CultureInfo.InvariantCulture) + " " + profile.NameOf(field);

    // The field a JSON key names: "37", "F37" or "F37 RRN" (a name, when given, must be the profile's); null when the key is no field.
    private static int? FieldOfKey(Iso8583Profile profile, string key)
    {
        string rest = key.StartsWith('F') ? key[1..] : key;
        int space = rest.IndexOf(' ', StringComparison.Ordinal);
        string number = space < 0 ? rest : rest[..space];
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int field) || field < 2 || field > Iso8583Profile.MaxFieldNumber)
        {
            return null;
        }

        if (!profile.IsDefined(field))
        {
            throw new MessageFormatException($"F{field} is not defined in the {profile.Name} profile");
        }

        if (space >= 0 && !string.Equals(rest[(space + 1)..], profile.NameOf(field), StringComparison.OrdinalIgnoreCase))
        {
            throw new MessageFormatException($"key \"{key}\": F{field} is {profile.NameOf(field)} in the {profile.Name} profile");
        }

        return field;
    }

    private static byte[] ParseHex(string hex, string what)
    {
        string clean = string.Concat(hex.Where(c => !char.IsWhiteSpace(c)));
        try
        {
            return Convert.FromHexString(clean);
        }
        catch (FormatException)
        {
            throw new MessageFormatException($"the {what} is not hex (an even number of 0-9, A-F)");
        }
    }

    /// <summary>Input the command cannot use; its message is the one-line reason printed.</summary>
    private sealed class MessageFormatException(string message) : Exception(message);

    private sealed class NullSink : IWireTraceSink
    {
        public static readonly NullSink Instance = new();

        public void WriteLine(string line)
        {
        }
    }
}
