namespace Torch.Tests;

/// <summary>Private generators: reproducible under their seed, independent of each other and of the global one.</summary>
public class GeneratorTests
{
    static double[] Normal(Generator g, int n = 16) => torch.Randn([n], DType.Float64, generator: g).ToArray<double>();

    static long[] Draws(Generator g)
    {
        using var probs = torch.Tensor(new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6 }, [2, 3]);
        return probs.Multinomial(8, replacement: true, generator: g).ToArray<long>();
    }

    [Fact]
    public void Same_seed_gives_the_same_randn_and_multinomial_draws()
    {
        using var scope = torch.NewDisposeScope();
        using var g1 = new Generator(1234);
        using var g2 = new Generator(1234);
        Assert.Equal(Normal(g1), Normal(g2));
        Assert.Equal(Draws(g1), Draws(g2));
        Assert.Equal(torch.RandInt(0, 1000, [10], generator: g1).ToArray<long>(), torch.RandInt(0, 1000, [10], generator: g2).ToArray<long>());
        Assert.Equal(torch.RandPerm(20, generator: g1).ToArray<long>(), torch.RandPerm(20, generator: g2).ToArray<long>());
        Assert.Equal(torch.Rand([5], generator: g1).ToArray<float>(), torch.Rand([5], generator: g2).ToArray<float>());
    }

    [Fact]
    public void Different_seeds_give_different_draws()
    {
        using var scope = torch.NewDisposeScope();
        using var g1 = new Generator(1);
        using var g2 = new Generator(2);
        Assert.NotEqual(Normal(g1), Normal(g2));
        // Successive draws from one generator differ too: it advances.
        Assert.NotEqual(Normal(g1), Normal(g1));
    }

    [Fact]
    public void Draws_do_not_depend_on_other_random_activity()
    {
        using var scope = torch.NewDisposeScope();
        using var g1 = new Generator(99);
        var expected = Normal(g1);

        using var g2 = new Generator(99);
        using var noise = new Generator(5);
        _ = torch.Randn([100]);                         // the global generator
        _ = torch.Randn([100], generator: noise);       // another private one
        Assert.Equal(expected, Normal(g2));
    }

    [Fact]
    public void GetState_then_SetState_replays_the_stream()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(7);
        _ = Normal(g);
        var state = g.GetState();
        Assert.Equal(DType.UInt8, state.DType);
        var first = Normal(g);
        var firstDraws = Draws(g);
        g.SetState(state);
        Assert.Equal(first, Normal(g));
        Assert.Equal(firstDraws, Draws(g));

        // A state can be moved to another generator, whatever its seed.
        using var other = new Generator(123456);
        other.SetState(state);
        Assert.Equal(first, Normal(other));
    }

    [Fact]
    public void Generator_state_survives_a_safetensors_round_trip()
    {
        string path = Path.Combine(Path.GetTempPath(), $"torch-generator-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var scope = torch.NewDisposeScope();
            using var g = new Generator(31);
            _ = Normal(g, 5);
            SafeTensors.Save(new Dictionary<string, Tensor> { ["rng"] = g.GetState() }, path);
            var expected = Normal(g);

            using var resumed = new Generator(0);
            using var state = SafeTensors.Load(path)["rng"];
            resumed.SetState(state);
            Assert.Equal(expected, Normal(resumed));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ManualSeed_on_a_generator_restarts_its_stream()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(10);
        var first = Normal(g);
        _ = Normal(g);
        g.ManualSeed(10);
        Assert.Equal(first, Normal(g));
    }

    [Fact]
    public void In_place_initialisers_and_bernoulli_use_the_generator()
    {
        using var scope = torch.NewDisposeScope();
        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        Assert.Equal(torch.Empty([6]).Uniform_(-1, 1, g1).ToArray<float>(), torch.Empty([6]).Uniform_(-1, 1, g2).ToArray<float>());
        Assert.Equal(torch.Empty([6]).Normal_(0, 2, g1).ToArray<float>(), torch.Empty([6]).Normal_(0, 2, g2).ToArray<float>());
        var p = torch.Full([64], 0.5);
        Assert.Equal(p.Bernoulli(g1).ToArray<float>(), p.Bernoulli(g2).ToArray<float>());
        var u = torch.Empty([1000]).Uniform_(-1, 1, g1).ToArray<float>();
        Assert.All(u, v => Assert.InRange(v, -1f, 1f));
    }

    [Fact]
    public void Multinomial_without_replacement_gives_distinct_indices_and_respects_zero_probabilities()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(3);
        var probs = torch.Tensor(new[] { 1.0, 0.0, 2.0, 3.0, 0.0, 4.0 });
        for (int i = 0; i < 20; i++)
        {
            var draws = probs.Multinomial(4, generator: g).ToArray<long>();
            Assert.Equal(4, draws.Distinct().Count());
            Assert.DoesNotContain(1L, draws);
            Assert.DoesNotContain(4L, draws);
        }
    }

    [Fact]
    public void Multinomial_frequencies_follow_the_probabilities()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(11);
        var probs = torch.Tensor(new[] { 1.0, 3.0 }); // unnormalised: P(1) = 0.75
        var draws = probs.Multinomial(20000, replacement: true, generator: g).ToArray<long>();
        double frequency = draws.Count(d => d == 1) / (double)draws.Length;
        Assert.InRange(frequency, 0.74, 0.76); // ±4 standard deviations
    }
}

/// <summary>The global generator is shared by every thread, so these run alone.</summary>
[Collection(SerialCollection.Name)]
public class GlobalSeedTests
{
    [Fact]
    public void ManualSeed_makes_global_draws_and_module_initialisation_reproducible()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(2024);
        var a = torch.Randn([8]).ToArray<float>();
        using var la = new Nn.Linear(4, 4);
        torch.ManualSeed(2024);
        var b = torch.Randn([8]).ToArray<float>();
        using var lb = new Nn.Linear(4, 4);
        Assert.Equal(a, b);
        Assert.Equal(la.Weight.ToArray<float>(), lb.Weight.ToArray<float>());
    }
}
