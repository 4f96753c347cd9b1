using Terminal.Core.Messages.Iso8583;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>The masked wire trace of a rig, kept in memory; <see cref="Requests"/> unpacks what the terminal sent.</summary>
internal sealed class WireLines : Terminal.Core.Messages.WireTrace.IWireTraceSink
{
    private readonly List<string> _lines = [];

    public void WriteLine(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    public List<string> Lines()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    /// <summary>The requests the terminal sent, unpacked (the trace's TX lines; card numbers masked, lengths kept).</summary>
    public List<Iso8583Message> Requests()
    {
        var profile = CupProfile.Create();
        var codec = new Iso8583Codec(profile);
        var list = new List<Iso8583Message>();
        foreach (string line in Lines())
        {
            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 4 && words[1] == "TX")
            {
                byte[] bytes = Convert.FromHexString(words[3]);
                var m = new Iso8583Message(profile, 64);
                Assert.False(codec.Unpack(m, bytes, 0, bytes.Length).IsError);
                list.Add(m);
            }
        }

        return list;
    }
}
