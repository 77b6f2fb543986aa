/** `V3.Services.Overlay.Overlay`: one alert source's dedup-key overlay on a service. */
export interface DedupKeyOverlay {
  readonly created_at: string;
  updated_at: string;
  readonly deleted_at: null;
  readonly org_id: string;
  readonly service_id: string;
  readonly alert_source_version: string;
  readonly alert_source_shortname: string;
  readonly overlay_template_type: "dedup_key";
  overlay: { template: string; duration: number };
  readonly created_by: string;
  updated_by: string;
  readonly alert_source_type: string;
}
