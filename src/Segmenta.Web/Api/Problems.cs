using System.Text.Json;
using System.Text.RegularExpressions;

namespace Segmenta.Web.Api;

/// <summary>
/// Turns every error into problem details (RFC 9457, application/problem+json) that name the field at fault:
/// a query value that is not a number, a body that is not JSON (with the JSON path), a wrong content type, a body
/// over its limit. The user's own text is never echoed back beyond the field name.
/// </summary>
internal static partial class Problems
{
    internal static IResult NotFound(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    internal static IResult BadRequest(string field, string detail) => Results.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [detail] }, detail: detail, title: "Invalid request");

    /// <summary>The problem for an exception that escaped an endpoint.</summary>
    internal static IResult For(Exception? exception) => exception switch
    {
        InvalidOptionException option => BadRequest(Dashboard.FormFields.For(option.Property), option.MessageFor(Dashboard.FormFields.For(option.Property))),
        SegmentaException user => BadRequest(FieldOf(user.Message) ?? "request", user.Message),
        Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => BadRequest("form",
            "The form expired or did not come from this site: reload the page and try again."),
        BadHttpRequestException bad => ForBadRequest(bad),
        _ => Results.Problem(detail: "An unexpected error occurred; see the server log.", statusCode: StatusCodes.Status500InternalServerError, title: "Server error"),
    };

    private static IResult ForBadRequest(BadHttpRequestException bad)
    {
        var message = bad.Message;
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return Problem(415, "Unsupported media type", "Content-Type", "Send the body as application/json.");
        }
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge || message.Contains("body too large", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(413, "Body too large", "body", "The request body is larger than this endpoint accepts.");
        }
        if (message.Contains("anti-forgery", StringComparison.OrdinalIgnoreCase))
        {
            return BadRequest("form", "The form expired or did not come from this site: reload the page and try again.");
        }
        if (bad.InnerException is JsonException json)
        {
            var path = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            return BadRequest(path, $"The body is not valid JSON for this endpoint at {json.Path ?? "$"} (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}).");
        }
        if (Parameter().Match(message) is { Success: true } parameter)
        {
            var name = parameter.Groups["name"].Value;
            var type = parameter.Groups["type"].Value;
            if (message.StartsWith("Failed to read", StringComparison.Ordinal) || message.StartsWith("Implicit body", StringComparison.Ordinal))
            {
                return BadRequest("body", "Send a JSON body, e.g. {\"features\": {\"recency\": 3, \"frequency\": 7, \"monetary\": 4310}}.");
            }
            return BadRequest(name, $"{name} must be {Describe(type)}.");
        }
        return Problem(bad.StatusCode, "Bad request", "request", "The request could not be read.");
    }

    private static string Describe(string type) => (type.StartsWith("Nullable<", StringComparison.Ordinal) ? type[9..^1] : type.TrimEnd('?')) switch
    {
        "int" or "Int32" => "a whole number from -2147483648 to 2147483647",
        "long" or "Int64" => "a whole number",
        "double" or "Double" => "a finite number",
        "bool" or "Boolean" => "true or false",
        "DateOnly" => "a date (yyyy-MM-dd)",
        var other => "a valid " + other,
    };

    /// <summary>A problem body for an error response that has none (unknown route, wrong method, wrong content type).</summary>
    internal static IResult ForEmpty(int status) => status switch
    {
        StatusCodes.Status415UnsupportedMediaType => Problem(415, "Unsupported media type", "Content-Type", "Send the body as application/json."),
        StatusCodes.Status404NotFound => Problem(404, "Not found", "path", "Nothing is served at this address."),
        StatusCodes.Status405MethodNotAllowed => Problem(405, "Method not allowed", "method", "This address does not accept this HTTP method."),
        StatusCodes.Status413PayloadTooLarge => Problem(413, "Body too large", "body", "The request body is larger than this endpoint accepts."),
        _ => Results.Problem(statusCode: status),
    };

    internal static IResult Problem(int status, string title, string field, string detail) => Results.Problem(
        detail: detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    /// <summary>Messages of the core name the option first ("features: missing monetary ...").</summary>
    private static string? FieldOf(string message) => LeadingField().Match(message) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("parameter \"(?<type>[^\" ]+) (?<name>[^\" ]+)\"")]
    private static partial Regex Parameter();

    [GeneratedRegex("^([A-Za-z_][A-Za-z0-9_.]*): ")]
    private static partial Regex LeadingField();
}
