using System.Globalization;
using Torch;

namespace TextDiffusion.Quantization;

/// <summary>
/// Writes quantised weights as what they are: every weight's <see cref="Quantizer.Bits"/>-bit code,
/// packed into bytes, plus the grid that decodes it (w = min + code·step, two float64 per tensor)
/// and its shape — a safetensors file of U8 tensors with the grids in the metadata. Loading
/// reproduces <see cref="QuantizedLinear.QuantizedWeight"/>. Biases stay float and are not exported here.
/// </summary>
public static class QuantizedExport
{
    /// <summary>One packed weight: codes of <paramref name="Bits"/> bits each, little-endian within each byte.</summary>
    public sealed record PackedWeight(int Bits, long[] Shape, double Min, double Step, byte[] Codes)
    {
        /// <summary>Bytes on disk: the codes and the two grid numbers.</summary>
        public long Bytes => Codes.Length + 2 * sizeof(double);
    }

    /// <summary>Packs the quantised weight of <paramref name="layer"/>; throws if its values do not fit the quantiser's bit width.</summary>
    public static PackedWeight Pack(QuantizedLinear layer)
    {
        using var q = layer.QuantizedWeight();
        using var cpu = q.To(DType.Float64).To(Device.Cpu);
        var values = cpu.ToArray<double>();
        var distinct = values.Distinct().Order().ToArray();
        double min = distinct[0];
        double step = distinct.Length == 1 ? 1 : distinct.Zip(distinct.Skip(1), (a, b) => b - a).Min();
        int bits = layer.Quantizer.Bits;
        var codes = new byte[(values.LongLength * bits + 7) / 8];
        for (long i = 0; i < values.LongLength; i++)
        {
            long code = (long)Math.Round((values[i] - min) / step);
            if (code < 0 || code >= 1L << bits)
                throw new InvalidOperationException($"{layer.Quantizer}: value {values[i]} is code {code}, outside {bits} bits");
            for (int b = 0; b < bits; b++)
                if ((code >> b & 1) != 0)
                {
                    long bit = i * bits + b;
                    codes[bit >> 3] |= (byte)(1 << (int)(bit & 7));
                }
        }
        return new PackedWeight(bits, q.Shape, min, step, codes);
    }

    /// <summary>The float weights a packed weight stands for.</summary>
    public static Tensor Unpack(PackedWeight p)
    {
        long count = p.Shape.Aggregate(1L, (a, b) => a * b);
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            long code = 0;
            for (int b = 0; b < p.Bits; b++)
            {
                long bit = i * p.Bits + b;
                if ((p.Codes[bit >> 3] >> (int)(bit & 7) & 1) != 0) code |= 1L << b;
            }
            values[i] = (float)(p.Min + code * p.Step);
        }
        return torch.Tensor(values, p.Shape);
    }

    /// <summary>Saves the packed weights of named layers (atomically); returns their total bytes.</summary>
    public static long Save(string path, IReadOnlyDictionary<string, QuantizedLinear> layers)
    {
        var packed = layers.ToDictionary(kv => kv.Key, kv => Pack(kv.Value));
        var tensors = packed.ToDictionary(kv => kv.Key, kv => torch.Tensor(kv.Value.Codes));
        var metadata = packed.ToDictionary(kv => kv.Key, kv => string.Join(';',
            kv.Value.Bits.ToString(CultureInfo.InvariantCulture), kv.Value.Min.ToString("R", CultureInfo.InvariantCulture),
            kv.Value.Step.ToString("R", CultureInfo.InvariantCulture), string.Join('x', kv.Value.Shape)));
        try
        {
            SafeTensors.Save(tensors, path, metadata);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
        return packed.Values.Sum(p => p.Bytes);
    }

    /// <summary>Reads a file written by <see cref="Save"/>: the decoded float weights by name.</summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        var tensors = SafeTensors.Load(path, out var metadata);
        var result = new Dictionary<string, Tensor>();
        foreach (var (name, codes) in tensors)
        {
            using (codes)
            {
                var parts = metadata[name].Split(';');
                var p = new PackedWeight(int.Parse(parts[0], CultureInfo.InvariantCulture), parts[3].Split('x').Select(long.Parse).ToArray(),
                    double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture), codes.ToArray<byte>());
                result[name] = Unpack(p);
            }
        }
        return result;
    }
}
