using System.ClientModel;
using System.Text.Json;

namespace Vpo.Api.Tests.Endpoints;

// Each test runs its own service: they read its generator counters.
public sealed class ChatCompletionsBatchingTests
{
    private static async Task<JsonElement> CompleteAsync(TestService service, object request)
    {
        var result = await service.Chat().CompleteChatAsync(BinaryContent.Create(BinaryData.FromObjectAsJson(request)));
        return JsonDocument.Parse(result.GetRawResponse().Content.ToString()).RootElement.Clone();
    }

    private static List<string> Texts(JsonElement completion) =>
        [.. completion.GetProperty("choices").EnumerateArray().Select(choice => choice.GetProperty("message").GetProperty("content").GetString()!)];

    [Fact]
    public async Task The_choices_of_one_request_are_rows_of_one_generator_run_alongside_optimize_requests()
    {
        await using var service = await TestService.StartReadyAsync("Inference:BatchWindow=00:00:00.300", "Inference:MaxBatchSize=8");
        var runsBefore = service.Statistics.GeneratorRuns;
        var rowsBefore = service.Statistics.RowsRun;

        var chat = CompleteAsync(service, new
        {
            model = "tiny-llama",
            messages = new[] { new { role = "user", content = "a cat playing piano" } },
            n = 4,
            temperature = 0.0,
            max_tokens = 12,
        });
        var optimize = service.OptimizeOkAsync(new { query = "a dog", options = new { temperature = 0.0, max_new_tokens = 12 } });
        var completion = await chat;
        await optimize;

        Assert.Equal(1, service.Statistics.GeneratorRuns - runsBefore);
        Assert.Equal(5, service.Statistics.RowsRun - rowsBefore);
        // Greedy choices of one prompt are one answer.
        Assert.Single(Texts(completion).Distinct());
    }

    [Fact]
    public async Task Messages_the_models_template_refuses_are_a_400_naming_messages()
    {
        var folder = Directory.CreateTempSubdirectory("vpo-template-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(TinyModel.FolderPath))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var config = Path.Combine(folder, "tokenizer_config.json");
            var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(config, TestContext.Current.CancellationToken))!;
            json["chat_template"] = "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System turns are not supported') }}{% endif %}" +
                                    json["chat_template"]!.GetValue<string>();
            await File.WriteAllTextAsync(config, json.ToJsonString(), TestContext.Current.CancellationToken);
            await using var service = await TestService.StartReadyAsync($"Inference:ModelPath={folder}", "Inference:ModelName=tiny-llama");
            var messages = new OpenAI.Chat.ChatMessage[] { new OpenAI.Chat.SystemChatMessage("Be brief."), new OpenAI.Chat.UserChatMessage("a cat") };

            var error = await Assert.ThrowsAsync<ClientResultException>(() =>
                service.Chat().CompleteChatAsync(messages, new OpenAI.Chat.ChatCompletionOptions { MaxOutputTokenCount = 4 }, TestContext.Current.CancellationToken));

            Assert.Equal(400, error.Status);
            Assert.Contains("System turns are not supported", error.Message, StringComparison.Ordinal);
            Assert.Contains("messages", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Seeded_choices_differ_from_each_other_and_repeat_with_the_seed()
    {
        await using var service = await TestService.StartReadyAsync();
        var request = new
        {
            model = "tiny-llama",
            messages = new[] { new { role = "user", content = "a lighthouse in a storm" } },
            n = 3,
            temperature = 1.0,
            max_tokens = 16,
            seed = 11,
        };

        var first = Texts(await CompleteAsync(service, request));
        var again = Texts(await CompleteAsync(service, request));

        Assert.Equal(first, again);
        Assert.Equal(3, first.Distinct().Count());
    }
}
