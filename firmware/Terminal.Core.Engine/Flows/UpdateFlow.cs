using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Update;
using Terminal.Hal;

namespace Terminal.Core.Flows
{
    /// <summary>How an update check ended.</summary>
    public static class UpdateResult
    {
        /// <summary>Nothing newer on the host.</summary>
        public const int UpToDate = 0;

        /// <summary>A new image is verified and pending: it runs after the next restart.</summary>
        public const int Installed = 1;

        /// <summary>The download stopped (link, timeout, power); it resumes from the bytes already in flash.</summary>
        public const int Interrupted = 2;

        /// <summary>The image was refused: bad signature, hash, header, or not newer (no downgrade).</summary>
        public const int Rejected = 3;

        /// <summary>The check or download could not be done (not signed in, host refused, image too large).</summary>
        public const int Failed = 4;

        /// <summary>A check is already running.</summary>
        public const int Busy = 5;
    }

    /// <summary>Told how an update check ended.</summary>
    public interface IUpdateObserver
    {
        /// <summary>The check (and the download, if any) ended with an <see cref="UpdateResult"/>.</summary>
        void OnUpdateDone(int result, string message);
    }

    /// <summary>What the update flow needs from the app: whether it may use the host link now, and who the terminal is.</summary>
    public interface IUpdateContext
    {
        /// <summary>True when no payment is under way or being keyed, so a background exchange delays nobody.</summary>
        bool HostFree { get; }

        /// <summary>The terminal's identity (TID, MID, STAN counter); null before set-up.</summary>
        TerminalIdentity? Identity { get; }

        /// <summary>Makes sure the STAN about to be used is covered by a journaled reservation (so a reboot never reuses it); false when the journal cannot be written.</summary>
        bool ReserveStans();
    }

    /// <summary>
    /// Software update over the host link. Check: 0800 with F60.3 = 360; the 0810 carries in F62 the version (4 bytes),
    /// image length (4) and SHA-256 of header and payload (32) of the image the host offers, or no F62 when it offers
    /// none. Download: 0800 with F60.3 = 361 and F61 = version (6 digits) + offset (8) + length (4); the 0810 carries the
    /// chunk in F62. Every request and response is MACed. Chunks go one at a time, only while the app says the host
    /// is free, into the inactive slot through <see cref="UpdateInstaller"/>, which resumes after a drop or a reboot.
    /// A check runs after every sign-in (the MAC key appearing), every <see cref="CheckIntervalMs"/>, after an
    /// interrupted download (<see cref="RetryMs"/>), and on demand (<see cref="Check"/>).
    /// </summary>
    public sealed class UpdateFlow : IHostExchangeHandler, IPolledDevice
    {
        /// <summary>F60.3 network management code of an update check.</summary>
        public const int CheckCode = 360;

        /// <summary>F60.3 network management code of a download-chunk request.</summary>
        public const int ChunkCode = 361;

        /// <summary>Bytes of F62 in a check answer that offers an image.</summary>
        public const int OfferLength = 40;

        private const int PhaseIdle = 0;
        private const int PhaseChecking = 1;
        private const int PhaseChunkDue = 2;
        private const int PhaseChunk = 3;

        private readonly HostSession _session;
        private readonly UpdateInstaller _installer;
        private readonly BootControl _control;
        private readonly IClock _clock;
        private readonly IUpdateContext _context;
        private readonly IEventSink? _wake;
        private readonly byte[] _offer = new byte[OfferLength];
        private readonly byte[] _chunk = new byte[512];
        private IUpdateObserver? _observer;
        private int _phase = PhaseIdle;
        private int _runningSlot = -1;
        private int _runningVersion = -1;
        private int _offeredVersion = -1;
        private int _requested;
        private bool _hadMak;
        private bool _checkDue;
        private long _nextCheckAt = Deadline.Never;
        private int _chunkSize = 256;
        private int _timeoutMs = 15000;
        private int _retryMs = 60000;
        private long _checkIntervalMs = 24L * 3600 * 1000;
        private bool _automatic = true;
        private int _lastResult = -1;
        private string _lastMessage = string.Empty;

        /// <summary>
        /// Creates the flow; call <see cref="SetRunning"/> with the boot manager's decision. <paramref name="wake"/> (the loop's
        /// event ring) gets a <see cref="EventKind.DeviceWake"/> after each request the flow sends from its own poll, so an idle
        /// host session is polled again at once rather than after the next unrelated event.
        /// </summary>
        public UpdateFlow(HostSession session, UpdateInstaller installer, BootControl control, IClock clock, IUpdateContext context, IEventSink? wake)
        {
            _wake = wake;
            _session = session;
            _installer = installer;
            _control = control;
            _clock = clock;
            _context = context;
        }

        /// <summary>Bytes asked for per chunk (F62 holds at most 512).</summary>
        public int ChunkSize
        {
            get => _chunkSize;
            set => _chunkSize = value < 16 ? 16 : value > _chunk.Length ? _chunk.Length : value;
        }

        /// <summary>How long to wait for each answer.</summary>
        public int TimeoutMs
        {
            get => _timeoutMs;
            set => _timeoutMs = value;
        }

        /// <summary>Wait before retrying an interrupted download.</summary>
        public int RetryMs
        {
            get => _retryMs;
            set => _retryMs = value;
        }

        /// <summary>Time between routine checks; 0 for none.</summary>
        public long CheckIntervalMs
        {
            get => _checkIntervalMs;
            set => _checkIntervalMs = value;
        }

        /// <summary>Whether checks run by themselves (after sign-in, periodically, retries); on-demand checks always work.</summary>
        public bool Automatic
        {
            get => _automatic;
            set => _automatic = value;
        }

        /// <summary>Whether a check or download is in progress.</summary>
        public bool Busy => _phase != PhaseIdle;

        /// <summary>The version running now; -1 when unknown.</summary>
        public int RunningVersion => _runningVersion;

        /// <summary>Outcome of the last check (<see cref="UpdateResult"/>); -1 before the first.</summary>
        public int LastResult => _lastResult;

        /// <summary>Outcome of the last check in words.</summary>
        public string LastMessage => _lastMessage;

        /// <summary>Bytes of the image in flash so far.</summary>
        public int Downloaded => _installer.Written;

        /// <summary>The running slot and version, from the boot manager.</summary>
        public void SetRunning(int slot, int version)
        {
            _runningSlot = slot;
            _runningVersion = version;
        }

        /// <summary>Checks now (and downloads what is offered); the outcome reaches <paramref name="observer"/>.</summary>
        public void Check(IUpdateObserver? observer)
        {
            if (_phase != PhaseIdle)
            {
                observer?.OnUpdateDone(UpdateResult.Busy, "An update check is already running");
                return;
            }

            _observer = observer;
            _checkDue = false; // this check is the one that was due
            StartCheck();
        }

        /// <inheritdoc />
        public long Poll(long nowMs)
        {
            bool hasMak = _session.HasMak;
            if (hasMak && !_hadMak && _automatic)
            {
                _checkDue = true; // signed in (or booted with working keys)
            }

            _hadMak = hasMak;
            if (_automatic && _nextCheckAt != Deadline.Never && nowMs >= _nextCheckAt)
            {
                _nextCheckAt = Deadline.Never;
                _checkDue = true;
            }

            bool free = _context.HostFree && !_session.Busy;
            if (_phase == PhaseChunkDue && free)
            {
                SendChunk();
            }
            else if (_phase == PhaseIdle && _checkDue && free && hasMak && _context.Identity != null)
            {
                _checkDue = false;
                _observer = null;
                StartCheck();
            }

            if (_phase == PhaseChunkDue || (_phase == PhaseIdle && _checkDue))
            {
                return nowMs + 200;
            }

            long next = nowMs + 1000; // sign-in is noticed within a second
            return _nextCheckAt != Deadline.Never && _nextCheckAt < next ? _nextCheckAt : next;
        }

        /// <inheritdoc />
        public void OnExchange(ExchangeOutcome outcome, string reason)
        {
            bool checking = _phase == PhaseChecking;
            if (outcome != ExchangeOutcome.Response)
            {
                if (checking)
                {
                    Done(UpdateResult.Failed, "Update check failed: " + reason);
                    ScheduleRetry();
                }
                else
                {
                    Interrupted(reason);
                }

                return;
            }

            Iso8583Message response = _session.Response;
            string? code = response.GetString(Field.ResponseCode);
            if (code != "00")
            {
                Done(UpdateResult.Failed, (checking ? "Update check" : "Download") + " refused by host (code " + (code ?? "none") + ")");
                return;
            }

            if (checking)
            {
                OnOffer(response);
                return;
            }

            int n = response.GetBytes(Field.PrivateData, _chunk, 0);
            if (n != _requested || !_installer.WriteChunk(_installer.Written, _chunk, 0, n))
            {
                Interrupted("host sent " + (n < 0 ? "no" : n.ToString()) + " bytes for a chunk of " + _requested.ToString());
                return;
            }

            Next();
        }

        private void StartCheck()
        {
            TerminalIdentity? identity = _context.Identity;
            if (identity == null || !_session.HasMak)
            {
                Done(UpdateResult.Failed, "Cannot check for updates: not signed in");
                return;
            }

            if (!_context.ReserveStans())
            {
                Done(UpdateResult.Failed, "Cannot check for updates: journal not writable");
                return;
            }

            _session.NewNetworkRequest(800, identity, CheckCode);
            _phase = PhaseChecking;
            if (!_session.Send(this, _timeoutMs, true))
            {
                Done(UpdateResult.Failed, "Cannot check for updates (host link busy)");
                return;
            }

            Wake();
        }

        private void OnOffer(Iso8583Message response)
        {
            if (!response.Has(Field.PrivateData))
            {
                Done(UpdateResult.UpToDate, "No update published; running " + FirmwareImage.VersionText(_runningVersion));
                return;
            }

            if (response.GetBytes(Field.PrivateData, _offer, 0) != OfferLength)
            {
                Done(UpdateResult.Failed, "Update offer malformed (F62 is not " + OfferLength.ToString() + " bytes)");
                return;
            }

            int version = (int)Util.BigEndian.Get32(_offer, 0);
            int length = (int)Util.BigEndian.Get32(_offer, 4);
            string text = FirmwareImage.VersionText(version);
            _offeredVersion = version;
            if (version <= _runningVersion)
            {
                Done(UpdateResult.UpToDate, "Up to date: running " + FirmwareImage.VersionText(_runningVersion) + ", host offers " + text);
                return;
            }

            if (version == _control.FailedVersion)
            {
                Done(UpdateResult.Rejected, "Version " + text + " failed its boot check here before: not installed again");
                return;
            }

            if (_control.State == BootState.Pending && _control.ActiveSlot != _runningSlot)
            {
                bool same = _control.ActiveVersion == version;
                Done(same ? UpdateResult.Installed : UpdateResult.Failed,
                    "Update " + FirmwareImage.VersionText(_control.ActiveVersion) + " is installed: restart to run it");
                return;
            }

            int from = _installer.Begin(_runningSlot, version, length, _offer, 8, _chunkSize);
            if (from < 0)
            {
                Done(UpdateResult.Failed, _installer.Problem);
                return;
            }

            Next();
        }

        private void Next()
        {
            if (_installer.Complete)
            {
                ImageCheck check = _installer.Finish(_runningVersion);
                if (check == ImageCheck.Valid)
                {
                    Done(UpdateResult.Installed, "Update " + FirmwareImage.VersionText(_offeredVersion) + " verified and installed in slot "
                        + BootManager.SlotName(_installer.TargetSlot) + ": restart to run it");
                }
                else
                {
                    Done(UpdateResult.Rejected, _installer.Problem);
                }

                return;
            }

            _phase = PhaseChunkDue;
            if (_context.HostFree && !_session.Busy)
            {
                SendChunk();
            }
        }

        private void SendChunk()
        {
            TerminalIdentity? identity = _context.Identity;
            if (identity == null || !_context.ReserveStans())
            {
                Interrupted(identity == null ? "no terminal identity" : "journal not writable");
                return;
            }

            int offset = _installer.Written;
            int left = _installer.Length - offset;
            _requested = left < _chunkSize ? left : _chunkSize;
            Iso8583Message request = _session.NewNetworkRequest(800, identity, ChunkCode);
            request.BeginField(Field.OriginalData);
            request.AppendDigits(_offeredVersion, 6);
            request.AppendDigits(offset, 8);
            request.AppendDigits(_requested, 4);
            request.EndField();
            _phase = PhaseChunk;
            if (!_session.Send(this, _timeoutMs, true))
            {
                Interrupted("host link busy");
                return;
            }

            Wake();
        }

        private void Interrupted(string reason)
        {
            Done(UpdateResult.Interrupted, "Download interrupted at " + _installer.Written.ToString() + " of " + _installer.Length.ToString()
                + " bytes (" + reason + "); it resumes from there");
            ScheduleRetry();
        }

        private void Wake()
        {
            if (_wake != null)
            {
                _wake.Post(EventKind.DeviceWake, 0, 0, EventPriority.Low);
            }
        }

        // The link failed: try again soon rather than at the next routine check.
        private void ScheduleRetry()
        {
            if (_automatic && _retryMs > 0 && _phase == PhaseIdle)
            {
                _nextCheckAt = _clock.NowMs + _retryMs;
            }
        }

        private void Done(int result, string message)
        {
            _phase = PhaseIdle;
            _lastResult = result;
            _lastMessage = message;
            if (_automatic && _checkIntervalMs > 0)
            {
                _nextCheckAt = _clock.NowMs + _checkIntervalMs;
            }

            IUpdateObserver? observer = _observer;
            _observer = null;
            observer?.OnUpdateDone(result, message);
        }
    }
}
