using Terminal.Hal;

namespace Terminal.Core.Update
{
    /// <summary>What the boot manager decided at power-up.</summary>
    public sealed class BootDecision
    {
        /// <summary>The slot booted (0 = A, 1 = B); -1 when no slot holds a valid image.</summary>
        public int Slot { get; set; } = -1;

        /// <summary>Version of the image booted; -1 when none.</summary>
        public int Version { get; set; } = -1;

        /// <summary>A newly installed image on its trial boot: the app must <see cref="BootManager.Confirm"/> it after its self-check.</summary>
        public bool Trial { get; set; }

        /// <summary>The pending image failed (self-check not confirmed, or its signature) and the previous one was booted instead.</summary>
        public bool RolledBack { get; set; }

        /// <summary>What happened, in words for the log and the screen.</summary>
        public string Message { get; set; } = string.Empty;
    }

    /// <summary>
    /// The boot loader's choice of slot. A confirmed slot boots if its image verifies (else the other slot, if it
    /// does). A pending slot gets <see cref="MaxTrialBoots"/> trial boots, each counted in the boot-control record
    /// before the image runs; when the app does not <see cref="Confirm"/> it (its boot self-check failed, it
    /// crashed, power went) the next boot rolls back to the previous slot and remembers the failed version.
    /// </summary>
    public sealed class BootManager
    {
        private readonly UpdateSlots _slots;
        private readonly BootControl _control;
        private readonly ICrypto _crypto;
        private readonly IKeyStore _keys;
        private readonly byte[] _digest = new byte[FirmwareImage.DigestLength];
        private int _maxTrialBoots = 1;

        /// <summary>Creates the manager over the update region; the update-signing key comes from <paramref name="keys"/>.</summary>
        public BootManager(UpdateSlots slots, BootControl control, ICrypto crypto, IKeyStore keys)
        {
            _slots = slots;
            _control = control;
            _crypto = crypto;
            _keys = keys;
        }

        /// <summary>Trial boots a pending image gets before it is rolled back.</summary>
        public int MaxTrialBoots
        {
            get => _maxTrialBoots;
            set => _maxTrialBoots = value < 1 ? 1 : value;
        }

        /// <summary>The boot-control record.</summary>
        public BootControl Control => _control;

        /// <summary>Chooses the slot to run, writing the record first (trial counted, or rollback) so a power cut cannot skip it.</summary>
        public BootDecision Boot()
        {
            var decision = new BootDecision();
            byte[]? key = LoadKey();
            if (!_control.Load())
            {
                // Fresh from the factory: the first slot whose image verifies becomes the confirmed one.
                for (int slot = 0; slot < 2; slot++)
                {
                    int version;
                    if (_slots.Verify(slot, key, _crypto, _digest, out version) == ImageCheck.Valid)
                    {
                        _control.Write(BootState.Confirmed, slot, -1, 0, version, -1);
                        return Booted(decision, slot, version, "Factory image " + FirmwareImage.VersionText(version));
                    }
                }

                decision.Message = "No valid firmware image in either slot";
                return decision;
            }

            int active = _control.ActiveSlot;
            int activeVersion;
            ImageCheck activeCheck = _slots.Verify(active, key, _crypto, _digest, out activeVersion);
            if (_control.State == BootState.Pending)
            {
                if (activeCheck == ImageCheck.Valid && _control.Attempts < _maxTrialBoots)
                {
                    _control.Write(BootState.Pending, active, _control.PreviousSlot, _control.Attempts + 1, activeVersion, _control.FailedVersion);
                    decision.Trial = true;
                    return Booted(decision, active, activeVersion, "Trial boot of " + FirmwareImage.VersionText(activeVersion));
                }

                return RollBack(decision, key, activeCheck == ImageCheck.Valid ? activeVersion : _control.ActiveVersion,
                    activeCheck == ImageCheck.Valid ? " failed its boot self-check" : " does not verify (" + Describe(activeCheck) + ")");
            }

            if (activeCheck == ImageCheck.Valid)
            {
                return Booted(decision, active, activeVersion, "Running " + FirmwareImage.VersionText(activeVersion));
            }

            // The known-good image went bad (worn flash): the other slot, if it holds a valid image, is better than nothing.
            int other = 1 - active;
            int otherVersion;
            if (_slots.Verify(other, key, _crypto, _digest, out otherVersion) == ImageCheck.Valid)
            {
                _control.Write(BootState.Confirmed, other, -1, 0, otherVersion, _control.FailedVersion);
                return Booted(decision, other, otherVersion, "Slot " + SlotName(active) + " does not verify (" + Describe(activeCheck) + "): running " + FirmwareImage.VersionText(otherVersion));
            }

            decision.Message = "No valid firmware image: slot " + SlotName(active) + " " + Describe(activeCheck);
            return decision;
        }

        /// <summary>The app's boot self-check passed: the trial image becomes the confirmed one. False when nothing was pending.</summary>
        public bool Confirm()
        {
            if (_control.State != BootState.Pending)
            {
                return false;
            }

            _control.Write(BootState.Confirmed, _control.ActiveSlot, _control.PreviousSlot, 0, _control.ActiveVersion, _control.FailedVersion);
            return true;
        }

        /// <summary>"A" or "B".</summary>
        public static string SlotName(int slot) => slot == 0 ? "A" : slot == 1 ? "B" : "-";

        /// <summary>An image check result in words.</summary>
        public static string Describe(ImageCheck check)
        {
            switch (check)
            {
                case ImageCheck.Valid:
                    return "valid";
                case ImageCheck.Blank:
                    return "empty";
                case ImageCheck.BadHeader:
                    return "bad header";
                case ImageCheck.Truncated:
                    return "truncated";
                case ImageCheck.BadDigest:
                    return "hash differs from the announced one";
                case ImageCheck.BadSignature:
                    return "signature does not verify";
                case ImageCheck.VersionRefused:
                    return "version refused";
                default:
                    return "no update-signing key";
            }
        }

        private BootDecision RollBack(BootDecision decision, byte[]? key, int failedVersion, string why)
        {
            int previous = _control.PreviousSlot;
            int previousVersion = -1;
            if (previous >= 0 && _slots.Verify(previous, key, _crypto, _digest, out previousVersion) == ImageCheck.Valid)
            {
                _control.Write(BootState.Confirmed, previous, -1, 0, previousVersion, failedVersion);
                decision.RolledBack = true;
                return Booted(decision, previous, previousVersion, "Update " + FirmwareImage.VersionText(failedVersion) + why + ": rolled back to " + FirmwareImage.VersionText(previousVersion));
            }

            decision.Message = "Update " + FirmwareImage.VersionText(failedVersion) + why + " and no previous image to roll back to";
            return decision;
        }

        private static BootDecision Booted(BootDecision decision, int slot, int version, string message)
        {
            decision.Slot = slot;
            decision.Version = version;
            decision.Message = message + " (slot " + SlotName(slot) + ")";
            return decision;
        }

        private byte[]? LoadKey()
        {
            byte[] key = new byte[FirmwareImage.PublicKeyLength];
            int n = _keys.Load(KeySlot.UpdateSigningKey, key, 0);
            return n == FirmwareImage.PublicKeyLength ? key : null;
        }
    }
}
