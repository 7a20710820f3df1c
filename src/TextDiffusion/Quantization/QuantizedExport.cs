using System.Globalization;
using Torch;

namespace TextDiffusion.Quantization;

/// <summary>
/// Writes quantised weights as what they are: a codebook of the distinct values (float32; one shared by all rows,
/// or one per output row when that is smaller, as for ternary's per-row α) and, per weight, the index of its value,
/// packed into ⌈log₂ levels⌉ bits. A safetensors file holds, per layer, the U8 codes and the F32 codebook, with bits,
/// levels, codebook rows and shape in the metadata. Loading reproduces <see cref="QuantizedLinear.QuantizedWeight"/>
/// exactly. The bytes counted are the codes plus the codebook; biases stay float and are not exported here.
/// </summary>
public static class QuantizedExport
{
    /// <summary>One packed weight [rows, columns]: <paramref name="CodebookRows"/> (1 or rows) codebooks of <paramref name="Levels"/> values each.</summary>
    public sealed record PackedWeight(int Bits, long[] Shape, int Levels, int CodebookRows, float[] Codebook, byte[] Codes)
    {
        /// <summary>Bytes on disk: the codes and the codebook.</summary>
        public long Bytes => Codes.Length + Codebook.LongLength * sizeof(float);
    }

    /// <summary>Packs the quantised weight of <paramref name="layer"/>.</summary>
    public static PackedWeight Pack(QuantizedLinear layer)
    {
        using var scope = torch.NewDisposeScope();
        var q = layer.QuantizedWeight();
        var values = q.To(DType.Float32).To(Device.Cpu).ToArray<float>();
        int rows = (int)q.Shape[0], columns = (int)(values.Length / rows);
        var shared = values.Distinct().Order().ToArray();
        var perRow = Enumerable.Range(0, rows).Select(r => values.AsSpan(r * columns, columns).ToArray().Distinct().Order().ToArray()).ToArray();
        int rowLevels = perRow.Max(c => c.Length);
        long SizeOf(int levels, int codebookRows) => (values.LongLength * BitsFor(levels) + 7) / 8 + (long)levels * codebookRows * sizeof(float);
        bool byRow = SizeOf(rowLevels, rows) < SizeOf(shared.Length, 1);
        int levels = byRow ? rowLevels : shared.Length, bits = BitsFor(levels);
        var codebooks = byRow ? perRow : [shared];
        var codebook = codebooks.SelectMany(c => c.Concat(Enumerable.Repeat(c[^1], levels - c.Length))).ToArray();
        var index = codebooks.Select(c => c.Select((v, k) => (v, k)).ToDictionary(p => p.v, p => p.k)).ToArray();
        var codes = new byte[(values.LongLength * bits + 7) / 8];
        for (long i = 0; i < values.LongLength; i++)
        {
            long code = index[byRow ? i / columns : 0][values[i]];
            for (int b = 0; b < bits; b++)
                if ((code >> b & 1) != 0)
                {
                    long bit = i * bits + b;
                    codes[bit >> 3] |= (byte)(1 << (int)(bit & 7));
                }
        }
        return new PackedWeight(bits, q.Shape, levels, codebooks.Length, codebook, codes);
    }

    /// <summary>⌈log₂ levels⌉, at least 1.</summary>
    static int BitsFor(int levels) => Math.Max(1, (int)Math.Ceiling(Math.Log2(levels)));

    /// <summary>The float weights a packed weight stands for.</summary>
    public static Tensor Unpack(PackedWeight p)
    {
        long count = p.Shape.Aggregate(1L, (a, b) => a * b), columns = count / p.Shape[0];
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            long code = 0;
            for (int b = 0; b < p.Bits; b++)
            {
                long bit = i * p.Bits + b;
                if ((p.Codes[bit >> 3] >> (int)(bit & 7) & 1) != 0) code |= 1L << b;
            }
            long row = p.CodebookRows == 1 ? 0 : i / columns;
            values[i] = p.Codebook[row * p.Levels + code];
        }
        return torch.Tensor(values, p.Shape);
    }

    /// <summary>Saves the packed weights of named layers (atomically); returns their total bytes.</summary>
    public static long Save(string path, IReadOnlyDictionary<string, QuantizedLinear> layers)
    {
        var packed = layers.ToDictionary(kv => kv.Key, kv => Pack(kv.Value));
        var tensors = new Dictionary<string, Tensor>();
        var metadata = new Dictionary<string, string>();
        foreach (var (name, p) in packed)
        {
            tensors[name + ".codes"] = torch.Tensor(p.Codes);
            tensors[name + ".codebook"] = torch.Tensor(p.Codebook, [p.CodebookRows, p.Levels]);
            metadata[name] = string.Join(';', p.Bits, p.Levels, p.CodebookRows, string.Join('x', p.Shape));
        }
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
        try
        {
            return metadata.Where(kv => tensors.ContainsKey(kv.Key + ".codes")).ToDictionary(kv => kv.Key, kv =>
            {
                var parts = kv.Value.Split(';');
                int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
                return Unpack(new PackedWeight(Int(parts[0]), parts[3].Split('x').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
                    Int(parts[1]), Int(parts[2]), tensors[kv.Key + ".codebook"].ToArray<float>(), tensors[kv.Key + ".codes"].ToArray<byte>()));
            });
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }
}
