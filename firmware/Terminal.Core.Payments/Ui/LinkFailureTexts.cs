using Terminal.Core.Host;
using Terminal.Core.Payments;
using Terminal.Hal;

namespace Terminal.Core.Ui
{
    /// <summary>
    /// A refused TLS link in the cashier's language (the store's); other link failures keep the link's own words,
    /// which name the host and port a technician needs.
    /// </summary>
    public sealed class LinkFailureTexts : ILinkFailureTexts
    {
        private readonly PaymentStore _store;

        /// <summary>Texts in <paramref name="store"/>'s language.</summary>
        public LinkFailureTexts(PaymentStore store)
        {
            _store = store;
        }

        /// <inheritdoc />
        public string Describe(LinkFailure failure, string fallback)
        {
            int id;
            switch (failure)
            {
                case LinkFailure.CertificateExpired: id = Texts.HostCertExpired; break;
                case LinkFailure.CertificateWrongHost: id = Texts.HostCertWrongHost; break;
                case LinkFailure.CertificateUnknownCa: id = Texts.HostCertUnknownCa; break;
                case LinkFailure.CertificateRefused: id = Texts.HostCertRefused; break;
                case LinkFailure.HandshakeFailed: id = Texts.TlsHandshakeFailed; break;
                default: return fallback;
            }

            return Texts.Get(_store.Language, id);
        }
    }
}
