global using Xunit;
global using Terminal.Core.Messages.Iso8583;
