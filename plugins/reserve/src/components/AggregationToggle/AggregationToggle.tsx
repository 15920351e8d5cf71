import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';

/** Whether a group view includes what its child groups own, like the org plugin's ownership card. */
export function AggregationToggle(props: {
  aggregate: boolean;
  onChange: (aggregate: boolean) => void;
}) {
  return (
    <FormControlLabel
      control={
        <Switch
          color="primary"
          checked={props.aggregate}
          onChange={(_event, checked) => props.onChange(checked)}
          inputProps={{ 'aria-label': 'Include child groups' }}
        />
      }
      label="Include child groups"
    />
  );
}
