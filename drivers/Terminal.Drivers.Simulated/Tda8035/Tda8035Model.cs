using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Gpio;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Contact;

/// <summary>
/// An NXP TDA8035 smart-card interface chip and the card slot behind it, at its pins: CMDVCCN low starts the
/// activation sequence (VCC, I/O, CLK; RST then follows RSTIN), CMDVCCN high deactivates (RST low, CLK stop,
/// I/O low, VCC off); OFFN (open drain, the MCU pulls it up) is low while no card is in the slot or after a fault,
/// and the chip deactivates by itself when the card leaves. The card's I/O is joined to the MCU's UART TX and RX
/// (one wire, half duplex), so every byte the MCU sends comes back on its RX as an echo. The slot's presence
/// switch bounces for a few milliseconds when a card goes in or out (with a scheduler).
/// </summary>
public sealed class Tda8035Model
{
    private readonly SimulatedGpio _gpio;
    private readonly SimulatedSerialPort _io;
    private readonly int _cmdVccN;
    private readonly int _rstIn;
    private readonly int _offN;
    private readonly SimulationScheduler? _time;
    private readonly byte[] _rx = new byte[512];
    private bool _switchClosed;
    private bool _fault;
    private bool _hadAtr;

    /// <summary>
    /// Puts the chip on <paramref name="gpio"/> (CMDVCCN, RSTIN inputs; OFFN output) and its I/O on
    /// <paramref name="io"/> (the chip's end of the MCU's UART). With <paramref name="time"/> the presence
    /// switch bounces on insertion and withdrawal.
    /// </summary>
    public Tda8035Model(SimulatedGpio gpio, SimulatedSerialPort io, int cmdVccNPin, int rstInPin, int offNPin, SimulationScheduler? time = null)
    {
        _gpio = gpio;
        _io = io;
        _cmdVccN = cmdVccNPin;
        _rstIn = rstInPin;
        _offN = offNPin;
        _time = time;
        io.Open();
        io.SetDataReceivedHandler((_, _) => OnLine());
        gpio.Watch(cmdVccNPin, level =>
        {
            if (level == PinValue.Low)
            {
                Activate();
            }
            else
            {
                Deactivate();
            }
        });
        gpio.Watch(rstInPin, OnReset);
        UpdateOffN();
    }

    /// <summary>The card in the slot (null: empty).</summary>
    public Iso7816Card? Card { get; private set; }

    /// <summary>The card inserted last, still known after it was taken out (tests read what the card saw).</summary>
    public Iso7816Card? LastCard { get; private set; }

    /// <summary>Whether the card's VCC is on (activation done, not yet deactivated).</summary>
    public bool Powered { get; private set; }

    /// <summary>Activation sequences run (CMDVCCN falling with a card present).</summary>
    public int Activations { get; private set; }

    /// <summary>Resets the card answered (cold and warm).</summary>
    public int Resets { get; private set; }

    /// <summary>Bytes on the card's I/O line since the last activation, both directions.</summary>
    public int LineBytes { get; private set; }

    /// <summary>Fault: the card leaves the slot when the I/O line has carried this many bytes since activation (-1: never).</summary>
    public int PullAtLineByte { get; set; } = -1;

    /// <summary>Contact bounces of the presence switch on insertion and withdrawal (with a scheduler).</summary>
    public int Bounces { get; set; } = 3;

    /// <summary>Fault: the chip reports a fault (overcurrent, a shorted card) on OFFN and deactivates, until CMDVCCN goes high.</summary>
    public void RaiseFault()
    {
        _fault = true;
        Deactivate();
        UpdateOffN();
    }

    /// <summary>Pushes a card into the slot (the presence switch closes, bouncing first).</summary>
    public void Insert(Iso7816Card card)
    {
        Card = card;
        LastCard = card;
        SetSwitch(true);
    }

    /// <summary>Pulls the card out (the switch opens; the chip deactivates at once).</summary>
    public void Withdraw(bool bounce = true)
    {
        if (bounce)
        {
            SetSwitch(false);
        }
        else
        {
            _switchClosed = false;
            Deactivate();
            UpdateOffN();
            Card = null;
        }
    }

    private void SetSwitch(bool closed)
    {
        if (_time == null || Bounces == 0)
        {
            _switchClosed = closed;
            if (!closed)
            {
                Deactivate();
                Card = null;
            }

            UpdateOffN();
            return;
        }

        // Contact bounce: the switch chatters for about 1.5 ms per bounce before it settles.
        long t = _time.NowUs;
        for (int i = 0; i < Bounces; i++)
        {
            _time.At(t + (i * 1500), () => Chatter(closed));
            _time.At(t + (i * 1500) + 700, () => Chatter(!closed));
        }

        _time.At(t + (Bounces * 1500), () =>
        {
            _switchClosed = closed;
            if (!closed)
            {
                Deactivate();
                Card = null;
            }

            UpdateOffN();
        });
    }

    private void Chatter(bool closed)
    {
        _switchClosed = closed;
        if (!closed)
        {
            Deactivate();
        }

        UpdateOffN();
    }

    private void UpdateOffN() => _gpio.Drive(_offN, _switchClosed && !_fault ? null : PinValue.Low);

    private void Activate()
    {
        if (!_switchClosed || Card == null || _fault || Powered)
        {
            return;
        }

        Powered = true;
        Activations++;
        LineBytes = 0;
        _hadAtr = false;
        if (_gpio.LevelOf(_rstIn) == PinValue.High)
        {
            // RST follows RSTIN once the sequence is done: a high RSTIN releases the card's reset at once.
            OnReset(PinValue.High);
        }
    }

    private void Deactivate()
    {
        if (_gpio.LevelOf(_cmdVccN) == PinValue.High)
        {
            _fault = false; // CMDVCCN high clears a latched fault.
        }

        Powered = false;
    }

    private void OnReset(PinValue level)
    {
        if (!Powered || Card == null || level != PinValue.High)
        {
            return;
        }

        Resets++;
        byte[] atr = Card.Reset(warm: _hadAtr);
        _hadAtr = true;
        SendFromCard(atr);
    }

    private void OnLine()
    {
        int n;
        while ((n = _io.Read(_rx, 0, _rx.Length)) > 0)
        {
            byte[] got = _rx[..n];

            // One wire: what the MCU sends is on its own RX too.
            _io.Write(got, 0, n);
            if (!Powered || Card == null)
            {
                continue;
            }

            var answer = new List<byte>();
            foreach (byte b in got)
            {
                if (Count())
                {
                    return;
                }

                answer.AddRange(Card.Receive(b));
                if (Card.WantsOut)
                {
                    Withdraw(bounce: false);
                    return;
                }
            }

            SendFromCard([.. answer]);
        }
    }

    private void SendFromCard(byte[] bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            if (Count())
            {
                if (i > 0)
                {
                    _io.Write(bytes, 0, i);
                }

                return;
            }
        }

        if (bytes.Length > 0)
        {
            _io.Write(bytes, 0, bytes.Length);
        }
    }

    // Counts one byte on the line; true when the card is pulled at this byte.
    private bool Count()
    {
        if (PullAtLineByte >= 0 && LineBytes >= PullAtLineByte)
        {
            Withdraw(bounce: false);
            return true;
        }

        LineBytes++;
        return false;
    }
}
