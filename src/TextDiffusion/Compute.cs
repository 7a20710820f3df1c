using Torch;

namespace TextDiffusion;

/// <summary>Where experiments run: TD_DEVICE ("cpu", "cuda", "cuda:1"; default cpu), set by notebooks' environment or the CLI's --device.</summary>
public static class Compute
{
    public const string EnvironmentVariable = "TD_DEVICE";

    public static Device Device
    {
        get
        {
            string? value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            var device = string.IsNullOrWhiteSpace(value) ? Device.Cpu : Device.Parse(value);
            if (device.Type == DeviceType.Cuda && !torch.cuda.IsAvailable())
                throw new InvalidOperationException($"{EnvironmentVariable}={value}, but libtorch sees no CUDA device: build against a CUDA libtorch (environment.md)");
            return device;
        }
    }
}
