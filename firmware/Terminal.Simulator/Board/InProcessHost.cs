using AcquirerHost.Processing;
using AcquirerHost.Rules;
using AcquirerHost.Store;
using Terminal.Core.Messages.Iso8583;
using Terminal.Hal;

namespace Terminal.Simulator.Board;

/// <summary>
/// An acquirer host inside the simulator's process: AcquirerHost's message processor on an in-memory database,
/// on the board's clock, reached through an <see cref="InProcessHostLink"/>. No sockets, no threads: a run on
/// the virtual clock with the same seed answers the same way. `terminal run` and the campaign use it.
/// </summary>
public sealed class InProcessHost : IDisposable
{
    /// <summary>Starts a host that knows the terminal <paramref name="provisioning"/> describes, on <paramref name="clock"/>.</summary>
    public InProcessHost(IClock clock, ProvisioningFile provisioning, long seed, Action<string>? log = null)
    {
        var time = new BoardTime(() => clock);
        Store = new AcquirerStore(":memory:", time);
        Store.ProvisionTerminal(provisioning.TerminalId, provisioning.MerchantId, provisioning.MasterKey);
        Processor = new MessageProcessor(CupProfile.Create(), Store, new RuleBook(), log ?? (_ => { }), time, random: new Random((int)(seed ^ (seed >> 32))))
        {
            Catalog = provisioning.Catalog ?? DemoCatalog.Create(),
        };
        Link = new InProcessHostLink(Processor, clock);
    }

    /// <summary>The host's database.</summary>
    public AcquirerStore Store { get; }

    /// <summary>The host's message processing (rules, catalog, software updates).</summary>
    public MessageProcessor Processor { get; }

    /// <summary>The terminal's link to it.</summary>
    public InProcessHostLink Link { get; }

    /// <inheritdoc />
    public void Dispose() => Store.Dispose();

}
