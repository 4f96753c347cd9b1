namespace Terminal.Firmware
{
    /// <summary>
    /// Where a board keeps a device provisioning package until the firmware has taken it (<see cref="ProvisioningPackage"/>):
    /// a file on the device's internal drive (I:\provision.bin), a file beside the simulator's flash. The firmware reads
    /// it at boot, then either consumes it (applied: its bytes wiped, then deleted, so the invoice key in it does not
    /// stay on the drive) or sets it aside (refused: kept under another name for a technician, not retried at every boot).
    /// </summary>
    public interface IProvisioningDrop
    {
        /// <summary>Bytes of the package waiting; -1 when there is none.</summary>
        int Size();

        /// <summary>Reads the package's first <paramref name="count"/> bytes into <paramref name="buffer"/>; false when it cannot be read.</summary>
        bool Read(byte[] buffer, int count);

        /// <summary>The package was applied (or is what is left of a wipe): overwrites its bytes with zeros, then deletes it.</summary>
        void Consume();

        /// <summary>The package was refused: keeps it aside under another name (replacing one set aside before).</summary>
        void SetAside();
    }
}
